using Recurrent.Classification;
using Recurrent.Sequences;
using Recurrent.Tests.Data;

namespace Recurrent.Tests.Classification;

/// <summary>The classify readers, chosen by file type, and the one-line errors for malformed files.</summary>
public sealed class ClassificationDataTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Tsv_GivesCharacterSequences_WithClassesInOrderOfFirstAppearance()
    {
        var data = ClassificationData.Read(_files.Write("n.tsv", "female\tAnna\nmale\tBo\nfemale\tEve\n"));
        Assert.True(data.IsTokens);
        Assert.Equal(["female", "male"], data.ClassNames);
        Assert.Equal([4, 2, 3], data.Examples.Select(e => e.Length));
        Assert.Equal("Anna", data.Vocabulary!.Decode(data.Examples[0].Tokens));
        Assert.Equal([0, 1, 0], data.Examples.Select(e => e.Target.ClassId));
    }

    [Fact]
    public void Csv_GivesFeatureSequences_GroupedById()
    {
        var data = ClassificationData.Read(_files.Write("s.csv",
            "id,step,a,b,label\nq,1,0.5,1,x\nq,2,1.5,2,x\nr,1,3,4,y\n"));
        Assert.False(data.IsTokens);
        Assert.Equal((2, 2), (data.Count, data.FeatureCount));
        Assert.Equal([2, 1], data.Examples.Select(e => e.Length));
        Assert.Equal([0.5f, 1f, 1.5f, 2f], data.Examples[0].Features!);
        Assert.Equal(["x", "y"], data.ClassNames);
    }

    [Theory]
    [InlineData("n.tsv", "a\tabc\nb\n", "n.tsv:2:1: expected a label and a tab")]
    [InlineData("n.tsv", "a\tabc\nb\t\n", "expected text after the label 'b'")]
    [InlineData("s.csv", "id,step,f1,f2,label\n1,1,0.5,0.2,x\n1,2,0.5,y\n", "s.csv:3:1: expected 5 fields")]
    [InlineData("s.csv", "id,step,f1,f2,label\n1,2,0.5,0.2,x\n1,1,0.5,0.1,x\n", "expected the step to increase")]
    [InlineData("s.csv", "id,label\n1,x\n", "expected a header of at least 4 columns")]
    [InlineData("s.json", "{}", "expected a .tsv")]
    public void MalformedFiles_AreNamedWithTheirLine(string name, string text, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => ClassificationData.Read(_files.Write(name, text)));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AtEvaluation_ALabelTheClassifierDoesNotKnow_IsAnError_AndUnknownCharactersAreSkipped()
    {
        var train = ClassificationData.Read(_files.Write("train.tsv", "a\tab\nb\tba\n"));
        var classifier = SequenceClassifier.Create(train, new SequenceModelOptions { HiddenSize = 3 });
        var e = Assert.ThrowsAny<Exception>(() =>
            ClassificationData.Read(_files.Write("test.tsv", "a\tab\nc\tab\n"), classifier));
        Assert.True(e is InvalidDataException or ArgumentException, e.GetType().Name);
        Assert.Contains("got \"c\"", e.Message);

        var skipped = ClassificationData.Read(_files.Write("test2.tsv", "b\tabz\n"), classifier);
        Assert.Equal("ab", skipped.Vocabulary!.Decode(skipped.Examples[0].Tokens));
    }

    [Fact]
    public void TextForAFeatureClassifier_AndFeaturesForATextClassifier_AreRefused()
    {
        var text = ClassificationData.Read(_files.Write("train.tsv", "a\tab\nb\tba\n"));
        var textClassifier = SequenceClassifier.Create(text, new SequenceModelOptions { HiddenSize = 3 });
        string csv = _files.Write("s.csv", "id,step,f1,f2,label\n1,1,0.5,0.2,x\n");
        Assert.Contains("reads text", Assert.Throws<InvalidDataException>(() =>
            ClassificationData.Read(csv, textClassifier)).Message);
    }

    [Fact]
    public void MirroredRows_FollowTheImages_EachRowReversed_WithTheSameLabels()
    {
        var data = ClassificationData.Read(_files.Write("s.csv",
            "id,step,a,b,c,label\nq,1,1,2,3,x\nq,2,4,5,6,x\nr,1,7,8,9,y\n"));
        var mirrored = ClassificationData.WithMirroredRows(data);
        Assert.Equal(4, mirrored.Count);
        Assert.Equal([3f, 2f, 1f, 6f, 5f, 4f], mirrored.Examples[2].Features!);
        Assert.Equal([9f, 8f, 7f], mirrored.Examples[3].Features!);
        Assert.Equal([0, 1, 0, 1], mirrored.Examples.Select(e => e.Target.ClassId));
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], data.Examples[0].Features!); // the original is untouched
        var text = ClassificationData.Read(_files.Write("n.tsv", "a\tab\n"));
        Assert.Throws<ArgumentException>(() => ClassificationData.WithMirroredRows(text));
    }
}
