using Recurrent.Data;

namespace Recurrent.Tests.Data;

public class WordVocabularyTests
{
    [Fact]
    public void FromText_UnknownAndEndOfLineFirst_ThenFirstAppearance()
    {
        var vocabulary = WordVocabulary.FromText("b a b\na c");
        Assert.Equal(["<unk>", "<eos>", "b", "a", "c"], vocabulary.Symbols);
        Assert.Equal(TokenKind.Words, vocabulary.Tokenization.Kind);
    }

    [Fact]
    public void MinCount_RareWordsBecomeUnknown_AndAreCounted()
    {
        var vocabulary = WordVocabulary.FromText("the cat the dog the", minCount: 2);
        Assert.Equal(["<unk>", "<eos>", "the"], vocabulary.Symbols);
        int[] ids = vocabulary.Encode("the bird the\n", out int unknown);
        Assert.Equal([2, 0, 2, 1], ids);
        Assert.Equal(1, unknown);
    }

    [Fact]
    public void MinCount_LeavingNothing_IsAnEmptyVocabularyError()
    {
        var e = Assert.Throws<InvalidDataException>(() => WordVocabulary.FromText("a b a", minCount: 5));
        Assert.Contains("vocabulary is empty", e.Message);
        Assert.Contains("'a', occurs 2 times", e.Message);
    }

    [Fact]
    public void Lowercase_FoldsCase_WhenCountingAndEncoding()
    {
        var vocabulary = WordVocabulary.FromText("The the THE", minCount: 3, lowercase: true);
        Assert.Equal(["<unk>", "<eos>", "the"], vocabulary.Symbols);
        Assert.Equal([2, 1], vocabulary.Encode("tHe", out _));
        Assert.True(vocabulary.Tokenization.Lowercase);
    }

    [Fact]
    public void FromSymbols_RoundTripsThroughTheTokenization()
    {
        var vocabulary = WordVocabulary.FromText("a b, c.");
        var again = vocabulary.Tokenization.Vocabulary(vocabulary.Symbols);
        Assert.IsType<WordVocabulary>(again);
        Assert.Equal(vocabulary.Symbols, again.Symbols);
        var e = Assert.Throws<ArgumentException>(() => WordVocabulary.FromSymbols(["a", "<eos>"]));
        Assert.Contains("starts with", e.Message);
    }

    [Fact]
    public void Decode_JoinsTokensIntoReadableText()
    {
        const string text =
            "The nation's debt (in full) is $3 -- \"paid\" at 5%, self-government.\nGod bless America.\n";
        var vocabulary = WordVocabulary.FromText(text);
        string decoded = vocabulary.Decode(vocabulary.Encode(text, out _));
        Assert.Equal("The nation's debt (in full) is $3 -- \"paid\" at 5%, self-government.\nGod bless America.\n",
            decoded);
    }

    [Fact]
    public void TextTokenization_JsonRoundTrip_AndCharsByDefault()
    {
        var words = new TextTokenization(TokenKind.Words, Lowercase: true, MinCount: 3);
        Assert.Equal(words, TextTokenization.FromJson(words.ToJson()));
        Assert.Equal(TextTokenization.Chars, TextTokenization.FromJson(TextTokenization.Chars.ToJson()));
        Assert.Throws<InvalidDataException>(() => TextTokenization.FromJson("{\"kind\":\"bytes\"}"));
    }
}
