using System.Globalization;
using System.Xml.Linq;
using Recurrent.Lab.Plotting;

namespace Recurrent.Tests.Lab.Plotting;

public class ChartExtrasTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Scatter_DrawsMarkersAndNoLine()
    {
        var chart = new SvgLineChart().Add("eigenvalues", [0.5, -0.2, 0.1], [0.1, 0.3, -0.4], SeriesStyle.Markers);
        var document = XDocument.Parse(chart.ToSvg());
        Assert.Empty(document.Descendants(Svg + "polyline"));
        Assert.True(document.Descendants(Svg + "circle").Count() >= 3, "a marker per point (and one in the legend)");
    }

    [Fact]
    public void EqualAspect_UnitCircleIsRound_AndFitsTheAxes()
    {
        var chart = new SvgLineChart { EqualAspect = true, Width = 720, Height = 440 }
            .Add(ChartGuide.Circle(0, 0, 1, "|λ| = 1"))
            .Add("λ", [0.3], [0.2], SeriesStyle.Markers);
        var document = XDocument.Parse(chart.ToSvg());
        var ellipse = document.Descendants(Svg + "ellipse").Single();
        double rx = double.Parse(ellipse.Attribute("rx")!.Value, CultureInfo.InvariantCulture);
        double ry = double.Parse(ellipse.Attribute("ry")!.Value, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(rx - ry) < 0.05, $"rx {rx}, ry {ry}");
        Assert.True(rx > 50, $"the circle should fill the plot, rx {rx}");
    }

    [Fact]
    public void LogX_DropsNonPositiveX()
    {
        var chart = new SvgLineChart { LogX = true, LogY = true }.Add("s", [0, 1, 10, 100], [1, 1, 10, 100]);
        var points =
            XDocument.Parse(chart.ToSvg()).Descendants(Svg + "polyline").Single().Attribute("points")!.Value.Split(' ');
        Assert.Equal(3, points.Length);
    }

    [Fact]
    public void Guides_LinesOutsideTheRangeAreNotDrawn()
    {
        var chart =
            new SvgLineChart().Add("s", [0, 1], [0, 1]).Add(ChartGuide.Horizontal(0.5,
            "half")).Add(ChartGuide.Vertical(50));
        var document = XDocument.Parse(chart.ToSvg());
        var dashed = document.Descendants(Svg + "g").Single(g => g.Attribute("stroke-dasharray") is not null);
        Assert.Single(dashed.Elements(Svg + "line"));
        Assert.Contains("half", dashed.Elements(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void Heatmap_IsWellFormed_EscapesText_AndGreysNaN()
    {
        var values = new double[,] { { 1, 2, double.NaN }, { 4, 5, 6 } };
        var heatmap =
            new SvgHeatmap(values) { Title = "a < b & c", XLabel = "neuron", YLabel = "layer",
            ColourLabel = "log₁₀ ‖g‖" };
        var svg = heatmap.ToSvg();
        var document = XDocument.Parse(svg);
        Assert.Contains("a < b & c", document.Descendants(Svg + "text").Select(t => t.Value));
        var cells = document.Descendants(Svg + "g").Single(g =>
            g.Attribute("shape-rendering") is not null).Elements(Svg + "rect").ToList();
        Assert.Equal(6, cells.Count);
        Assert.Equal(ColourMap.Missing, cells[2].Attribute("fill")!.Value);
        Assert.Equal(ColourMap.Hex(0), cells[0].Attribute("fill")!.Value);
        Assert.Equal(ColourMap.Hex(1), cells[5].Attribute("fill")!.Value);
    }

    [Fact]
    public void Heatmap_ColourBarSpansTheDataRange_WithTicksInside()
    {
        var values = new double[,] { { -3.7, -1 }, { 0.2, 2.9 } };
        var document = XDocument.Parse(new SvgHeatmap(values).ToSvg());
        var bar = document.Descendants(Svg + "rect").Single(r => r.Attribute("class")?.Value == "colour-bar");
        Assert.True(
            Math.Abs(double.Parse(bar.Attribute("data-min")!.Value, CultureInfo.InvariantCulture) + 3.7) < 1e-12);
        Assert.True(
            Math.Abs(double.Parse(bar.Attribute("data-max")!.Value, CultureInfo.InvariantCulture) - 2.9) < 1e-12);
        var ticks = document.Descendants(Svg + "text").Where(t => t.Attribute("class")?.Value == "colour-tick")
            .Select(t => double.Parse(t.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.True(ticks.Count >= 3, $"ticks: {string.Join(", ", ticks)}");
        Assert.All(ticks, t => Assert.InRange(t, -3.7, 2.9));
    }

    [Fact]
    public void Heatmap_LargeMatrices_EmbedOnePngImage()
    {
        var values = new double[20, 300];
        for (int r = 0; r < 20; r++) for (int c = 0; c < 300; c++) values[r, c] = r * c;
        var document = XDocument.Parse(new SvgHeatmap(values).ToSvg());
        var href = document.Descendants(Svg + "image").Single().Attribute("href")!.Value;
        Assert.StartsWith("data:image/png;base64,", href);
        var png = Convert.FromBase64String(href["data:image/png;base64,".Length..]);
        Assert.Equal(0x89, png[0]);
        Assert.Equal("PNG", System.Text.Encoding.ASCII.GetString(png, 1, 3));
    }

    [Fact]
    public void ColourMap_RunsFromDarkPurpleToYellow_AndClamps()
    {
        Assert.Equal("#440154", ColourMap.Hex(0));
        Assert.Equal("#fde725", ColourMap.Hex(1));
        Assert.Equal(ColourMap.Hex(1), ColourMap.Hex(7));
        Assert.Equal(ColourMap.Hex(0), ColourMap.Hex(-1));
    }

    [Fact]
    public void Markdown_EmbedsImages_AndEscapesTableCells()
    {
        var report = new MarkdownReport("Stability")
            .Section("Linear")
            .Paragraph("Some text.")
            .Image("norm of h", "linear norms.svg", "linear.csv")
            .Table(["a", "b|c"], [["1", "x|y"]]);
        string text = report.ToString();
        Assert.Contains("# Stability\n", text);
        Assert.Contains("![norm of h](linear%20norms.svg)", text);
        Assert.Contains("[linear.csv](linear.csv)", text);
        Assert.Contains("| a | b\\|c |\n|---|---|\n| 1 | x\\|y |", text);
        Assert.Throws<ArgumentException>(() => report.Table(["a"], [["1", "2"]]));
    }

    [Fact]
    public void Csv_QuotesFields_AndRoundTripsNumbers()
    {
        string csv = CsvTable.FromColumns(["t", "name, with comma"], [[0, 1], [0.1, double.NaN]]);
        Assert.Equal("t,\"name, with comma\"\n0,0.1\n1,NaN\n", csv);
        Assert.Equal("\"say \"\"hi\"\"\"", CsvTable.Field("say \"hi\""));
        string matrix = CsvTable.FromMatrix(new double[,] { { 1, 2 } }, "layer", r => $"L{r}", c => $"n{c}");
        Assert.Equal("layer,n0,n1\nL0,1,2\n", matrix);
        Assert.Throws<ArgumentException>(() => CsvTable.FromColumns(["a", "b"], [[1], [1, 2]]));
        Assert.Equal("r,c0\nx,0.33333\n", CsvTable.FromMatrix(new double[,] { { 1.0 / 3 } }, "r", _ => "x", c =>
            $"c{c}", significantDigits: 5));
    }
}
