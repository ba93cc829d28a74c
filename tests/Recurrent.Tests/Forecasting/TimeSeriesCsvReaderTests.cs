using Recurrent.Forecasting;

namespace Recurrent.Tests.Forecasting;

/// <summary>The CSV of time series: one or several series, dates kept, and every bad value refused with the line and
/// column (a missing value is never filled silently).</summary>
public sealed class TimeSeriesCsvReaderTests
{
    private static IReadOnlyList<TimeSeries> Read(string text, TimeSeriesCsvOptions options) =>
        TimeSeriesCsvReader.Read(new StringReader(text), options, "t.csv");

    [Fact]
    public void OneSeries_WithDates_InFileOrder()
    {
        var series = Read("year,spots,other\n1700,5,x\n1701,11,y\n1702,16.5,z\n",
            new TimeSeriesCsvOptions { ValueColumn = "spots", DateColumn = "year" });
        var s = Assert.Single(series);
        Assert.Equal("", s.Name);
        Assert.Equal([5, 11, 16.5], s.Values);
        Assert.Equal(["1700", "1701", "1702"], s.Dates!);
    }

    [Fact]
    public void SeveralSeries_ByTheSeriesColumn_InTheOrderTheyFirstAppear()
    {
        var series = Read("id,v\nb,1\na,10\nb,2\na,20\nb,3\n",
            new TimeSeriesCsvOptions { ValueColumn = "v", SeriesColumn = "id" });
        Assert.Equal(["b", "a"], series.Select(s => s.Name));
        Assert.Equal([1.0, 2, 3], series[0].Values);
        Assert.Equal([10.0, 20], series[1].Values);
        Assert.Null(series[0].Dates);
    }

    [Theory]
    [InlineData("", "empty field")]
    [InlineData("NA", "\"NA\"")]
    [InlineData("NaN", "\"NaN\"")]
    public void AMissingValue_IsAnError_NamingLineAndColumn(string field, string shown)
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            Read($"t,v\n1,5\n2,{field}\n", new TimeSeriesCsvOptions { ValueColumn = "v" }));
        Assert.StartsWith("t.csv:3:", e.Message);
        Assert.Contains("column 'v': missing value", e.Message);
        Assert.Contains(shown, e.Message);
    }

    [Fact]
    public void ANonNumericValue_IsAnError_NamingLineAndColumn()
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            Read("t,v\n1,5\n2,lots\n", new TimeSeriesCsvOptions { ValueColumn = "v" }));
        Assert.Equal("t.csv:3:3: column 'v': expected a finite number, got \"lots\"", e.Message);
    }

    [Fact]
    public void AnUnknownColumn_IsAnError_ListingTheHeader()
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            Read("t,v\n1,5\n", new TimeSeriesCsvOptions { ValueColumn = "value" }));
        Assert.Contains("expected a column 'value' (the values) in the header, got [t, v]", e.Message);
    }

    [Theory]
    [InlineData("1999,2001", "2003,2005")]
    [InlineData("1988-12-30,1988-12-31", "1989-01-01,1989-01-02")]
    [InlineData("1988-12-24,1988-12-31", "1989-01-07,1989-01-14")]
    public void FutureDates_ContinueTheLastStep_OfYearsAndIsoDays(string last, string next)
    {
        var series = new TimeSeries("", [1, 2], last.Split(','));
        Assert.Equal(next.Split(','), series.FutureDates(2)!);
    }

    [Fact]
    public void FutureDates_AreNull_ForOtherForms_RatherThanGuessed()
    {
        Assert.Null(new TimeSeries("", [1, 2], ["Jan 88", "Feb 88"]).FutureDates(2));
        Assert.Null(new TimeSeries("", [1, 2]).FutureDates(2));
    }
}
