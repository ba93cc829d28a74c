using System.Globalization;
using System.Xml.Linq;
using Recurrent.Lab.Plotting;

namespace Recurrent.Tests.Lab.Plotting;

public class SvgLineChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void ToSvg_IsWellFormedAndEscapesText()
    {
        var chart =
            new SvgLineChart { Title = "loss < 2 & \"quotes\" 'here'", XLabel = "step <x>", YLabel = "nats & bits" }
            .Add("train <a&b>", [0, 1, 2], [3, 2, 1])
            .Add("bad\u0001name", [0, 2], [2, 2.5]);
        var svg = chart.ToSvg();
        Assert.Contains("&lt; 2 &amp;", svg);
        var document = XDocument.Parse(svg); // throws if not well-formed
        var texts = document.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("loss < 2 & \"quotes\" 'here'", texts);
        Assert.Contains("train <a&b>", texts);
        Assert.Contains("bad\uFFFDname", texts);
        Assert.Equal("svg", document.Root!.Name.LocalName);
        Assert.Equal("720", document.Root.Attribute("width")!.Value);
    }

    [Fact]
    public void NaN_SplitsASeriesIntoSegments_AndLonePointsBecomeDots()
    {
        var chart = new SvgLineChart().Add("s", [0, 1, 2, 3, 4, 5, 6], [1, 2, double.NaN, 3, 4, double.NaN, 5]);
        var document = XDocument.Parse(chart.ToSvg());
        Assert.Equal(2, document.Descendants(Svg + "polyline").Count());
        Assert.Single(document.Descendants(Svg + "circle"));
    }

    [Fact]
    public void Series_GetDistinctColours()
    {
        var chart = new SvgLineChart();
        for (int i = 0; i < 4; i++) chart.Add($"s{i}", [0, 1], [i, i + 1]);
        var document = XDocument.Parse(chart.ToSvg());
        var colours = document.Descendants(Svg + "g").Where(g => g.Element(Svg + "polyline") is not null)
            .Select(g => g.Attribute("stroke")!.Value).ToList();
        Assert.Equal(4, colours.Distinct().Count());
    }

    [Fact]
    public void Points_StayInsideThePlotArea()
    {
        var chart = new SvgLineChart { Width = 400, Height = 300 }.Add("s", [10, 20, 35], [0.013, 0.4, -0.2]);
        var document = XDocument.Parse(chart.ToSvg());
        var points = document.Descendants(Svg + "polyline").Single().Attribute("points")!.Value
            .Split(' ').Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
        foreach (var p in points)
        {
            Assert.InRange(p[0], 72, 400 - 24);
            Assert.InRange(p[1], 44, 300 - 56);
        }
    }

    [Theory]
    [InlineData(0.0, 1.0, new[] { 0.0, 0.2, 0.4, 0.6, 0.8, 1.0 })]
    [InlineData(0.013, 0.4, new[] { 0.0, 0.1, 0.2, 0.3, 0.4 })]
    [InlineData(3.0, 97.0, new[] { 0.0, 20.0, 40.0, 60.0, 80.0, 100.0 })]
    [InlineData(-7.0, 12.0, new[] { -10.0, -5.0, 0.0, 5.0, 10.0, 15.0 })]
    public void LinearTicks_StepBy125AndCoverTheData(double min, double max, double[] expected)
    {
        var scale = ChartScale.Linear(min, max);
        Assert.Equal(expected.Length, scale.Ticks.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - scale.Ticks[i]) < 1e-9, $"tick {i}: {scale.Ticks[i]}");
        Assert.True(scale.Min <= min && scale.Max >= max);
    }

    [Fact]
    public void LinearTicks_LabelWithoutRoundingNoise()
    {
        var tenths = ChartScale.Linear(0, 0.3);
        Assert.Equal(["0.0", "0.1", "0.2", "0.3"], tenths.Ticks.Select(tenths.Label)); // 3·0.1 is 0.30000000000000004
        var twentieths = ChartScale.Linear(0, 0.25);
        Assert.Equal(["0.00", "0.05", "0.10", "0.15", "0.20", "0.25"], twentieths.Ticks.Select(twentieths.Label));
    }

    [Fact]
    public void LogTicks_UseDecadesOr125()
    {
        var narrow = ChartScale.Log(1.3, 4.2);
        Assert.Equal(["1", "2", "5"], narrow.Ticks.Select(narrow.Label));
        var wide = ChartScale.Log(0.002, 300);
        Assert.Equal(["0.001", "0.01", "0.1", "1", "10", "100", "1000"], wide.Ticks.Select(wide.Label));
    }

    [Fact]
    public void LogY_DropsNonPositiveValuesAsGaps()
    {
        var chart = new SvgLineChart { LogY = true }.Add("s", [0, 1, 2, 3, 4], [10, 1, 0, 0.1, 0.01]);
        var document = XDocument.Parse(chart.ToSvg());
        Assert.Equal(2, document.Descendants(Svg + "polyline").Count());
    }

    [Fact]
    public void DegenerateData_StillDraws()
    {
        XDocument.Parse(new SvgLineChart { Title = "empty" }.ToSvg());
        XDocument.Parse(new SvgLineChart().Add("one", [5], [2]).ToSvg());
        XDocument.Parse(new SvgLineChart().Add("flat", [0, 1, 2], [0, 0, 0]).ToSvg());
        XDocument.Parse(new SvgLineChart().Add("nan", [0, 1], [double.NaN, double.NaN]).ToSvg());
    }

    [Fact]
    public void BadInput_IsRejected()
    {
        Assert.Contains("got 2 and 3", Assert.Throws<ArgumentException>(() =>
            new ChartSeries("s", [1, 2], [1, 2, 3])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SvgLineChart { Width = 50 }.ToSvg());
    }

    [Fact]
    public void Write_ReplacesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"chart-{Guid.NewGuid():N}.svg");
        try
        {
            File.WriteAllText(path, "old");
            new SvgLineChart { Title = "new" }.Add("s", [0, 1], [0, 1]).Write(path);
            Assert.Equal("new", XDocument.Load(path).Descendants(Svg + "text").First().Value);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
