using Recurrent.Data;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Data;

public class SeriesCsvReaderTests
{
    [Fact]
    public void SeriesColumn_SplitsNumbers_AndNumericLabelsSortNumerically()
    {
        const string text = "label,series\n10,0.5 1  1.5\n2,\"3 4\"\n10,7\n";
        var data = SeriesCsvReader.Read(new StringReader(text), new SeriesCsvOptions { SeriesColumn = "series" });
        Assert.Equal(["2", "10"], data.ClassNames);
        Assert.Equal([1, 0, 1], data.Examples.Select(e => e.Target.ClassId));
        Assert.Equal([3, 2, 1], data.Examples.Select(e => e.Length));
        Approx.Equal([0.5f, 1f, 1.5f], data.Examples[0].Features, 0, "row 1");
    }

    [Fact]
    public void StepColumns_TrailingEmptyCellsShortenTheSeries_AndValueTargets()
    {
        const string text = "t0,t1,t2,y\n1,2,3,0.5\n4,,,1.5\n";
        var data = SeriesCsvReader.Read(new StringReader(text),
            new SeriesCsvOptions { TargetColumn = "y", TargetKind = SequenceTargetKind.Values });
        Assert.Equal([3, 1], data.Examples.Select(e => e.Length));
        Approx.Equal([1.5f], data.Examples[1].Target.Values, 0, "target of row 2");
    }

    [Theory]
    [InlineData("t0,t1,label\n1,,a\n,2,b\n", "s.csv:3:1:", "only trailing step cells may be empty")]
    [InlineData("label,s\na,1 x 3\n", "s.csv:2:5:", "column 's': expected a finite number, got \"x\"")]
    [InlineData("label,s\na,\n", "s.csv:2:3:", "expected a series of numbers separated by ' ', got an empty field")]
    public void BadRows_SayWhereAndWhatWasExpected(string text, string where, string what)
    {
        var options = new SeriesCsvOptions { SeriesColumn = text.Contains(",s\n") ? "s" : null };
        var e = Assert.Throws<InvalidDataException>(() => SeriesCsvReader.Read(new StringReader(text), options,
            "s.csv"));
        Assert.StartsWith(where, e.Message);
        Assert.Contains(what, e.Message);
    }
}
