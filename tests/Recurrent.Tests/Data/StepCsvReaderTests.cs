using Recurrent.Data;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Data;

public class StepCsvReaderTests
{
    private const string Steps = """
        id,x,y,label
        a,0.5,1,up
        a,1.5,2,up
        b,-1,0,down

        c,2,2,up
        c,3,3,up
        c,4,4,up
        """;

    [Fact]
    public void ClassPerSequence_GroupsConsecutiveRows_AndSortsClassNames()
    {
        var data = StepCsvReader.Read(new StringReader(Steps),
            new StepCsvOptions { IdColumn = "id", TargetColumn = "label", TargetKind = SequenceTargetKind.Class });
        Assert.Equal(3, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(["down", "up"], data.ClassNames);
        Assert.Equal([2, 1, 3], data.Examples.Select(e => e.Length));
        Assert.Equal([1, 0, 1], data.Examples.Select(e => e.Target.ClassId));
        Assert.Equal(["a", "b", "c"], data.Examples.Select(e => e.Id));
        Approx.Equal([0.5f, 1f, 1.5f, 2f], data.Examples[0].Features, 0, "sequence a");
    }

    [Fact]
    public void ChosenFeatureColumns_AndPerStepValues()
    {
        var data = StepCsvReader.Read(new StringReader(Steps), new StepCsvOptions
        {
            IdColumn = "id", FeatureColumns = ["y"], TargetColumn = "x", TargetKind = SequenceTargetKind.StepValues,
        });
        Assert.Equal(1, data.FeatureCount);
        Assert.Equal(1, data.TargetWidth);
        Approx.Equal([2f, 3f, 4f], data.Examples[2].Target.Values, 0, "per-step targets of c");
    }

    [Fact]
    public void InterleavedIds_AreAnErrorWithTheLine_UnlessAllowed()
    {
        const string text = "id,x,t\na,1,0\nb,2,1\na,3,1\n";
        var options = new StepCsvOptions { IdColumn = "id", TargetColumn = "t",
            TargetKind = SequenceTargetKind.StepClasses };
        var e = Assert.Throws<InvalidDataException>(() => StepCsvReader.Read(new StringReader(text), options, "f.csv"));
        Assert.StartsWith("f.csv:4:1:", e.Message);
        Assert.Contains("consecutive", e.Message);
        Assert.Contains("line 2", e.Message);

        var data = StepCsvReader.Read(new StringReader(text), options with { AllowInterleavedIds = true });
        Assert.Equal(["a", "b"], data.Examples.Select(x => x.Id));
        Approx.Equal([1f, 3f], data.Examples[0].Features, 0, "a keeps its rows' file order");
        Assert.Equal([0, 1], data.Examples[0].Target.StepClassIds!);
    }

    [Theory]
    [InlineData("id,x,label\na,1,up\na,oops,up\n", "f.csv:3:3:", "column 'x': expected a finite number, got \"oops\"")]
    [InlineData("id,x,label\na,1,up\na,2,down\n", "f.csv:3:5:", "stay \"up\" (line 2), got \"down\"")]
    [InlineData("id,x,label\na,1\n", "f.csv:2:1:", "expected 3 fields like the header, got 2")]
    [InlineData("id,x,lbl\na,1,up\n", "f.csv:1:1:",
        "expected a column 'label' (the target) in the header, got [id, x, lbl]")]
    [InlineData("", "f.csv:1:1:", "expected a header line")]
    [InlineData("id,x,label\n", "f.csv:2:1:", "expected at least one data row")]
    [InlineData("id,x,label\na,\"1,up\n", "f.csv:2:3:", "expected a closing quote")]
    [InlineData("id,x,label\na,1,\n", "f.csv:2:5:", "expected a class label, got an empty field")]
    public void BadFiles_SayWhereAndWhatWasExpected(string text, string where, string what)
    {
        var options = new StepCsvOptions { IdColumn = "id", TargetColumn = "label",
            TargetKind = SequenceTargetKind.Class };
        var e = Assert.Throws<InvalidDataException>(() => StepCsvReader.Read(new StringReader(text), options, "f.csv"));
        Assert.StartsWith(where, e.Message);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void FixedClassNames_RejectAnUnknownLabel()
    {
        var options = new StepCsvOptions
        {
            IdColumn = "id", TargetColumn = "label", TargetKind = SequenceTargetKind.Class, ClassNames = ["down", "up"],
        };
        var e = Assert.Throws<InvalidDataException>(() =>
            StepCsvReader.Read(new StringReader("id,x,label\na,1,sideways\n"), options, "v.csv"));
        Assert.StartsWith("v.csv:2:5:", e.Message);
        Assert.Contains("expected one of the 2 class names [down, up], got \"sideways\"", e.Message);
    }

    [Fact]
    public void FileRoundTrip_QuotedHeaderAndNoIdColumn_IsOneSeries()
    {
        using var files = new TempFiles();
        string path = files.Write("series.csv", "\"YEAR\",\"VALUE\"\r\n1700,5\r\n1701,11\r\n1702,16\r\n");
        var data = StepCsvReader.Read(path, new StepCsvOptions { FeatureColumns = ["VALUE"] });
        Assert.Equal(1, data.Count);
        Assert.Equal(SequenceTargetKind.None, data.TargetKind);
        Approx.Equal([5f, 11f, 16f], data.Examples[0].Features, 0, "series");
    }

    [SharedDataFact("timeseries/sunspots.csv")]
    public void Sunspots_LoadsAsOneYearlySeries()
    {
        var data = StepCsvReader.Read(SharedData.Find("timeseries/sunspots.csv")!,
            new StepCsvOptions { FeatureColumns = ["SUNACTIVITY"] });
        var series = data.Examples[0];
        Assert.True(series.Length > 300, $"expected the years 1700–2008, got {series.Length} steps");
        Assert.All(series.Features!, v => Assert.InRange(v, 0f, 500f));
        var normalizer = FeatureNormalizer.Fit(data);
        Assert.InRange(normalizer.Mean[0], 10f, 100f);
    }
}
