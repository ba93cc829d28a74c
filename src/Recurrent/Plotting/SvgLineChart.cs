using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Plotting;

/// <summary>
/// A small, dependency-free SVG line chart: named series (NaN leaves a gap), a title, axis labels, nice ticks
/// (steps of 1, 2, 5 × 10ᵏ), optional log-scale y, a legend, distinct colours and a fixed size. The document is
/// built with System.Xml.Linq, so it is always well-formed and every text is escaped. For learning curves and
/// the analysis plots.
/// </summary>
public sealed class SvgLineChart
{
    /// <summary>Colours of the series in order (Tableau 10: distinct, and readable by most colour-blind viewers); repeats after ten.</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // Margins around the plot area, in pixels: room for tick labels and axis labels on the left and bottom.
    private const double Left = 72, Right = 24, Top = 44, Bottom = 56;

    private readonly List<ChartSeries> _series = [];

    /// <summary>Chart title, drawn centred above the plot; may be empty.</summary>
    public string Title { get; init; } = "";

    /// <summary>Label under the x axis; may be empty.</summary>
    public string XLabel { get; init; } = "";

    /// <summary>Label beside the y axis; may be empty.</summary>
    public string YLabel { get; init; } = "";

    /// <summary>Base-10 log scale for y; values ≤ 0 are then left out as gaps. Default false.</summary>
    public bool LogY { get; init; }

    /// <summary>Width in pixels, at least 200. Default 720.</summary>
    public int Width { get; init; } = 720;

    /// <summary>Height in pixels, at least 150. Default 440.</summary>
    public int Height { get; init; } = 440;

    /// <summary>The series in drawing (and legend) order.</summary>
    public IReadOnlyList<ChartSeries> Series => _series;

    /// <summary>Adds a series; returns this chart, for chaining.</summary>
    public SvgLineChart Add(ChartSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        _series.Add(series);
        return this;
    }

    /// <summary>Adds a series of points (x[i], y[i]).</summary>
    public SvgLineChart Add(string name, IReadOnlyList<double> x, IReadOnlyList<double> y) => Add(new ChartSeries(name, x, y));

    /// <summary>The chart as an SVG document.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Width below 200 or height below 150.</exception>
    public XDocument ToDocument()
    {
        if (Width < 200 || Height < 150)
            throw new ArgumentOutOfRangeException(nameof(Width), $"chart size must be at least 200 × 150 pixels, got {Width} × {Height}");
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        var (xScale, yScale) = Scales();
        double PixelX(double x) => Left + xScale.Fraction(x) * plotWidth;
        double PixelY(double y) => Top + (1 - yScale.Fraction(y)) * plotHeight;

        var root = new XElement(Svg + "svg",
            new XAttribute("width", Width), new XAttribute("height", Height),
            new XAttribute("viewBox", $"0 0 {Width} {Height}"),
            new XAttribute("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"), new XAttribute("font-size", 12),
            new XElement(Svg + "rect", new XAttribute("width", Width), new XAttribute("height", Height), new XAttribute("fill", "white")));
        if (Title.Length > 0)
            root.Add(Text(Width / 2.0, 26, Title, "middle", 15, "bold"));

        // Grid and ticks first, so the data lines are drawn over them.
        var grid = new XElement(Svg + "g", new XAttribute("stroke", "#e4e4e4"), new XAttribute("stroke-width", 1));
        var labels = new XElement(Svg + "g", new XAttribute("fill", "#333"));
        foreach (double tick in xScale.Ticks)
        {
            double px = PixelX(tick);
            grid.Add(Line(px, Top, px, Top + plotHeight));
            labels.Add(Text(px, Top + plotHeight + 17, xScale.Label(tick), "middle"));
        }
        foreach (double tick in yScale.Ticks)
        {
            double py = PixelY(tick);
            grid.Add(Line(Left, py, Left + plotWidth, py));
            labels.Add(Text(Left - 7, py + 4, yScale.Label(tick), "end"));
        }
        root.Add(grid, labels);
        root.Add(new XElement(Svg + "rect",
            new XAttribute("x", F(Left)), new XAttribute("y", F(Top)), new XAttribute("width", F(plotWidth)), new XAttribute("height", F(plotHeight)),
            new XAttribute("fill", "none"), new XAttribute("stroke", "#444"), new XAttribute("stroke-width", 1)));
        if (XLabel.Length > 0) root.Add(Text(Left + plotWidth / 2, Height - 14, XLabel, "middle", 13));
        if (YLabel.Length > 0)
        {
            var label = Text(0, 0, YLabel, "middle", 13);
            label.Add(new XAttribute("transform", $"translate(18 {F(Top + plotHeight / 2)}) rotate(-90)"));
            root.Add(label);
        }

        for (int s = 0; s < _series.Count; s++)
        {
            var group = new XElement(Svg + "g", new XAttribute("stroke", Colour(s)), new XAttribute("fill", "none"),
                new XAttribute("stroke-width", 1.8), new XAttribute("stroke-linejoin", "round"));
            group.Add(new XElement(Svg + "title", XmlSafe(_series[s].Name)));
            foreach (var segment in Segments(_series[s]))
            {
                if (segment.Count == 1)
                {
                    // A point between gaps would be invisible as a line; draw it as a dot.
                    group.Add(new XElement(Svg + "circle", new XAttribute("cx", F(PixelX(segment[0].X))), new XAttribute("cy", F(PixelY(segment[0].Y))),
                        new XAttribute("r", 2.5), new XAttribute("fill", Colour(s))));
                    continue;
                }
                var points = new StringBuilder();
                foreach (var (x, y) in segment) points.Append(F(PixelX(x))).Append(',').Append(F(PixelY(y))).Append(' ');
                group.Add(new XElement(Svg + "polyline", new XAttribute("points", points.ToString().TrimEnd())));
            }
            root.Add(group);
        }

        if (_series.Count > 0) root.Add(Legend(plotWidth, plotHeight, PixelX, PixelY));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    /// <summary>The SVG text, with an XML declaration.</summary>
    public string ToSvg()
    {
        var document = ToDocument();
        return document.Declaration + "\n" + document.Root + "\n";
    }

    /// <summary>Writes the SVG to <paramref name="path"/> atomically (temporary file, flush, rename).</summary>
    public void Write(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(ToSvg()));
    }

    private (ChartScale X, ChartScale Y) Scales()
    {
        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity, yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
        foreach (var series in _series)
            for (int i = 0; i < series.X.Count; i++)
            {
                if (!Drawable(series.X[i], series.Y[i])) continue;
                xMin = Math.Min(xMin, series.X[i]);
                xMax = Math.Max(xMax, series.X[i]);
                yMin = Math.Min(yMin, series.Y[i]);
                yMax = Math.Max(yMax, series.Y[i]);
            }
        return (ChartScale.Linear(xMin, xMax, 7), LogY ? ChartScale.Log(yMin, yMax) : ChartScale.Linear(yMin, yMax, 6));
    }

    private bool Drawable(double x, double y) => double.IsFinite(x) && double.IsFinite(y) && (!LogY || y > 0);

    /// <summary>The runs of consecutive drawable points of a series.</summary>
    private IEnumerable<List<(double X, double Y)>> Segments(ChartSeries series)
    {
        var current = new List<(double X, double Y)>();
        for (int i = 0; i < series.X.Count; i++)
        {
            if (Drawable(series.X[i], series.Y[i]))
            {
                current.Add((series.X[i], series.Y[i]));
            }
            else if (current.Count > 0)
            {
                yield return current;
                current = [];
            }
        }
        if (current.Count > 0) yield return current;
    }

    /// <summary>
    /// A boxed legend, one line sample and name per series, in the corner of the plot that hides the fewest
    /// data points (top right first, where falling loss curves leave room).
    /// </summary>
    private XElement Legend(double plotWidth, double plotHeight, Func<double, double> pixelX, Func<double, double> pixelY)
    {
        const double rowHeight = 18, sample = 22, padding = 8, inset = 8;
        // Text width is estimated (no font metrics without a renderer): 7 px per character at 12 px suits sans fonts.
        double textWidth = _series.Max(s => s.Name.Length) * 7.0;
        double width = padding * 3 + sample + textWidth, height = padding * 2 + rowHeight * _series.Count - 4;
        (double X, double Y)[] corners =
        [
            (Left + plotWidth - width - inset, Top + inset),
            (Left + inset, Top + inset),
            (Left + plotWidth - width - inset, Top + plotHeight - height - inset),
            (Left + inset, Top + plotHeight - height - inset),
        ];
        var points = _series.SelectMany(Segments).SelectMany(segment => segment).Select(p => (X: pixelX(p.X), Y: pixelY(p.Y))).ToList();
        var (x, y) = corners.MinBy(c => points.Count(p => p.X >= c.X && p.X <= c.X + width && p.Y >= c.Y && p.Y <= c.Y + height));
        var legend = new XElement(Svg + "g",
            new XElement(Svg + "rect", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("width", F(width)),
                new XAttribute("height", F(height)), new XAttribute("fill", "white"), new XAttribute("fill-opacity", 0.9),
                new XAttribute("stroke", "#bbb"), new XAttribute("rx", 3)));
        for (int s = 0; s < _series.Count; s++)
        {
            double rowY = y + padding + rowHeight * s + 7;
            var line = Line(x + padding, rowY, x + padding + sample, rowY);
            line.Add(new XAttribute("stroke", Colour(s)), new XAttribute("stroke-width", 2.5));
            legend.Add(line, Text(x + padding * 2 + sample, rowY + 4, XmlSafe(_series[s].Name), "start"));
        }
        return legend;
    }

    private static string Colour(int index) => Palette[index % Palette.Count];

    private static XElement Line(double x1, double y1, double x2, double y2) => new(Svg + "line",
        new XAttribute("x1", F(x1)), new XAttribute("y1", F(y1)), new XAttribute("x2", F(x2)), new XAttribute("y2", F(y2)));

    private static XElement Text(double x, double y, string text, string anchor, int size = 12, string weight = "normal")
    {
        var element = new XElement(Svg + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)),
            new XAttribute("text-anchor", anchor), XmlSafe(text));
        if (size != 12) element.Add(new XAttribute("font-size", size));
        if (weight != "normal") element.Add(new XAttribute("font-weight", weight));
        return element;
    }

    /// <summary>Replaces characters XML 1.0 cannot hold at all (most control characters, lone surrogates) with U+FFFD; escaping handles the rest.</summary>
    private static string XmlSafe(string text)
    {
        if (!text.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r') || char.IsSurrogate(c))) return text;
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) builder.Append(c).Append(text[++i]);
            else if (char.IsSurrogate(c) || (c < ' ' && c is not ('\t' or '\n' or '\r'))) builder.Append('\uFFFD');
            else builder.Append(c);
        }
        return builder.ToString();
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
