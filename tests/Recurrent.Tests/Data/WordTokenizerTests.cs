using Recurrent.Data;

namespace Recurrent.Tests.Data;

public class WordTokenizerTests
{
    [Fact]
    public void Tokenize_SplitsWordsAndPunctuation_AndEndsEveryLine()
    {
        var tokens = WordTokenizer.Tokenize("It's 1790, Mr. Speaker!\n\n(Applause.)");
        Assert.Equal(["It", "'", "s", "1790", ",", "Mr", ".", "Speaker", "!", "<eos>", "<eos>",
            "(", "Applause", ".", ")", "<eos>"], tokens);
    }

    [Fact]
    public void Tokenize_TextAlreadySplitBySpaces_GivesTheSameTokens()
    {
        const string text = "The nation's debt -- $3,000,000 -- was \"paid\" (in full).\r\nGod bless América.\n";
        var tokens = WordTokenizer.Tokenize(text);
        // Join each line's tokens with single spaces, as a pre-tokenised corpus (PTB style) would hold them.
        var lines = string.Join(" ", tokens).Split(" <eos>").Select(l => l.Trim()).Where(l => l.Length > 0);
        string split = string.Join("\n", lines) + "\n";
        Assert.Equal(tokens, WordTokenizer.Tokenize(split));
        // And that split text is exactly what splitting on white space gives, with one <eos> per line.
        var whitespace = split.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("<eos>"));
        Assert.Equal(whitespace, tokens);
    }

    [Fact]
    public void Tokenize_LastLineWithoutBreak_StillEnds_AndCrLfIsOneBreak()
    {
        Assert.Equal(["a", "<eos>", "b", "<eos>"], WordTokenizer.Tokenize("a\r\nb"));
        Assert.Equal(["a", "<eos>"], WordTokenizer.Tokenize("a\n"));
        Assert.Empty(WordTokenizer.Tokenize(""));
    }

    [Fact]
    public void Tokenize_UnicodeLettersAndCombiningMarks_StayInTheWord()
    {
        // "Naïve" precomposed and "e\u0301" (e + combining acute) are both one word; "—" is a token.
        Assert.Equal(["Naïve", "café\u0301", "—", "x2", "<eos>"], WordTokenizer.Tokenize("Naïve café\u0301—x2"));
    }

    [Fact]
    public void Tokenize_Lowercase_LowersEveryToken()
    {
        Assert.Equal(["the", "union", "<eos>"], WordTokenizer.Tokenize("The UNION", lowercase: true));
    }
}
