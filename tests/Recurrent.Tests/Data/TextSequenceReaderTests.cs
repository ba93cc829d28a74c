using Recurrent.Data;

namespace Recurrent.Tests.Data;

public class TextSequenceReaderTests
{
    [Fact]
    public void LabelledLines_BecomeTokenIds_ThroughTheTrainingVocabulary()
    {
        var data = TextSequenceReader.Read(new StringReader("female\tAnna\nmale\tBob\n\nmale\tBo\n"),
            new TextSequenceOptions());
        Assert.Equal(["female", "male"], data.ClassNames);
        Assert.True(data.IsTokens);
        Assert.Equal(data.Vocabulary!.Count, data.TokenCount);
        Assert.Equal("Anna", data.Vocabulary.Decode(data.Examples[0].Tokens));
        Assert.Equal([0, 1, 1], data.Examples.Select(e => e.Target.ClassId));
        Assert.Equal("line 4", data.Examples[2].Id);
    }

    [Fact]
    public void UnknownCharacters_FollowThePolicy()
    {
        var train = TextSequenceReader.Read(new StringReader("ab\nba\n"),
            new TextSequenceOptions { HasLabels = false, UnknownSymbols = UnknownSymbolPolicy.MapToUnknown });
        Assert.Equal(3, train.TokenCount); // a, b and the unknown id
        var options = new TextSequenceOptions { HasLabels = false, Vocabulary = train.Vocabulary };

        var e = Assert.Throws<InvalidDataException>(() => TextSequenceReader.Read(new StringReader("ab\nabc\n"),
            options, "v.txt"));
        Assert.StartsWith("v.txt:2:3:", e.Message);
        Assert.Contains("'c' (U+0063)", e.Message);

        var skipped = TextSequenceReader.Read(new StringReader("acb\n"),
            options with { UnknownSymbols = UnknownSymbolPolicy.Skip });
        Assert.Equal([0, 1], skipped.Examples[0].Tokens!);
        var mapped = TextSequenceReader.Read(new StringReader("acb\n"),
            options with { UnknownSymbols = UnknownSymbolPolicy.MapToUnknown });
        Assert.Equal([0, 2, 1], mapped.Examples[0].Tokens!);
        Assert.Equal(train.TokenCount, mapped.TokenCount);
    }

    [Theory]
    [InlineData("female\tAnna\nBob\n", "t.txt:2:1:", "expected a label and a tab before the text")]
    [InlineData("female\t\n", "t.txt:1:8:", "expected text after the label 'female'")]
    [InlineData("\tAnna\n", "t.txt:1:1:", "expected a label before the separator")]
    public void BadLines_SayWhereAndWhatWasExpected(string text, string where, string what)
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            TextSequenceReader.Read(new StringReader(text), new TextSequenceOptions(), "t.txt"));
        Assert.StartsWith(where, e.Message);
        Assert.Contains(what, e.Message);
    }

    [SharedDataFact("classification/first-names-gender.tsv")]
    public void FirstNames_LoadAsTwoClassesOfCharacterSequences()
    {
        var data = TextSequenceReader.Read(SharedData.Find("classification/first-names-gender.tsv")!,
            new TextSequenceOptions());
        Assert.Equal(["female", "male"], data.ClassNames);
        Assert.True(data.Count > 8000, $"expected about 8,849 names, got {data.Count}");
        Assert.InRange(data.TokenCount, 26, 100);
        var (train, validation) = data.Split(0.1, new Random(1));
        Assert.Equal(data.Count, train.Count + validation.Count);
    }
}
