using System.Text;
using System.Xml.Linq;
using Recurrent.Parameters.Serialization;
using static Recurrent.Lab.Plotting.SvgElements;

namespace Recurrent.Lab.Plotting;

/// <summary>
/// A small, dependency-free SVG chart of lines and scatters: named series (NaN leaves a gap), a title, axis labels,
/// nice ticks (steps of 1, 2, 5 × 10ᵏ), optional log-scale x and y, dashed reference guides (circles, horizontal and
/// vertical lines), an equal-aspect mode for the complex plane, a legend, distinct colours and a fixed size. The
/// document is built with System.Xml.Linq, so it is always well-formed and every text is escaped.
/// </summary>
public sealed class SvgLineChart
{
    /// <summary>Colours of the series in order (Tableau 10: distinct, and readable by most colour-blind viewers);
    /// repeats after ten.</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    // Margins around the plot area, in pixels: room for tick labels and axis labels on the left and bottom.
    private const double Left = 72, Right = 24, Top = 44, Bottom = 56;

    private readonly List<ChartSeries> _series = [];
    private readonly List<ChartGuide> _guides = [];

    /// <summary>Chart title, drawn centred above the plot; may be empty.</summary>
    public string Title { get; init; } = "";

    /// <summary>Label under the x axis; may be empty.</summary>
    public string XLabel { get; init; } = "";

    /// <summary>Label beside the y axis; may be empty.</summary>
    public string YLabel { get; init; } = "";

    /// <summary>Base-10 log scale for y; values ≤ 0 are then left out as gaps. Default false.</summary>
    public bool LogY { get; init; }

    /// <summary>Base-10 log scale for x; values ≤ 0 are then left out as gaps. Default false.</summary>
    public bool LogX { get; init; }

    /// <summary>One data unit is as long on x as on y (the plot area shrinks to fit), so circles stay round. Linear
    /// axes only. Default false.</summary>
    public bool EqualAspect { get; init; }

    /// <summary>Width in pixels, at least 200. Default 720.</summary>
    public int Width { get; init; } = 720;

    /// <summary>Height in pixels, at least 150. Default 440.</summary>
    public int Height { get; init; } = 440;

    /// <summary>The series in drawing (and legend) order.</summary>
    public IReadOnlyList<ChartSeries> Series => _series;

    /// <summary>The reference guides, drawn under the series.</summary>
    public IReadOnlyList<ChartGuide> Guides => _guides;

    /// <summary>Adds a series; returns this chart, for chaining.</summary>
    public SvgLineChart Add(ChartSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        _series.Add(series);
        return this;
    }

    /// <summary>Adds a series of points (x[i], y[i]).</summary>
    public SvgLineChart Add(string name, IReadOnlyList<double> x, IReadOnlyList<double> y,
        SeriesStyle style = SeriesStyle.Line) =>
        Add(new ChartSeries(name, x, y) { Style = style });

    /// <summary>Adds a reference guide (e.g. <c>ChartGuide.Circle(0, 0, 1, "|λ| = 1")</c>); returns this
    /// chart.</summary>
    public SvgLineChart Add(ChartGuide guide)
    {
        ArgumentNullException.ThrowIfNull(guide);
        _guides.Add(guide);
        return this;
    }

    /// <summary>The chart as an SVG document.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Width below 200 or height below 150.</exception>
    public XDocument ToDocument()
    {
        if (Width < 200 || Height < 150)
            throw new ArgumentOutOfRangeException(nameof(Width),
                $"chart size must be at least 200 × 150 pixels, got {Width} × {Height}");
        double left = Left, top = Top, plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        var (xScale, yScale) = Scales();
        if (EqualAspect && !LogX && !LogY)
        {
            // Shrink one side of the plot area so that a data unit spans the same pixels on both axes, and centre it.
            double unit = Math.Max((xScale.Max - xScale.Min) / plotWidth, (yScale.Max - yScale.Min) / plotHeight);
            double width = (xScale.Max - xScale.Min) / unit, height = (yScale.Max - yScale.Min) / unit;
            (left, top, plotWidth, plotHeight) = (left + (plotWidth - width) / 2, top + (plotHeight - height) / 2,
                width, height);
        }
        var plot = new PlotArea(left, top, plotWidth, plotHeight, xScale, yScale);

        var root = Root(Width, Height);
        if (Title.Length > 0) root.Add(Text(Width / 2.0, 26, Title, "middle", 15, "bold"));

        // Grid and ticks first, so the data lines are drawn over them.
        var grid = new XElement(Svg + "g", new XAttribute("stroke", "#e4e4e4"), new XAttribute("stroke-width", 1));
        var labels = new XElement(Svg + "g", new XAttribute("fill", "#333"));
        foreach (double tick in xScale.Ticks)
        {
            double px = plot.X(tick);
            grid.Add(Line(px, top, px, top + plotHeight));
            labels.Add(Text(px, top + plotHeight + 17, xScale.Label(tick), "middle"));
        }
        foreach (double tick in yScale.Ticks)
        {
            double py = plot.Y(tick);
            grid.Add(Line(left, py, left + plotWidth, py));
            labels.Add(Text(left - 7, py + 4, yScale.Label(tick), "end"));
        }
        root.Add(grid, labels);
        var frame = Rect(left, top, plotWidth, plotHeight, "none");
        frame.Add(new XAttribute("stroke", "#444"), new XAttribute("stroke-width", 1));
        root.Add(frame);
        if (XLabel.Length > 0) root.Add(Text(left + plotWidth / 2, Height - 14, XLabel, "middle", 13));
        if (YLabel.Length > 0) root.Add(VerticalText(18, top + plotHeight / 2, YLabel));
        if (_guides.Count > 0) root.Add(GuideElements(plot));

        for (int s = 0; s < _series.Count; s++)
        {
            var series = _series[s];
            var group = new XElement(Svg + "g", new XAttribute("stroke", Colour(s)), new XAttribute("fill", "none"),
                new XAttribute("stroke-width", 1.8), new XAttribute("stroke-linejoin", "round"));
            group.Add(new XElement(Svg + "title", XmlSafe(series.Name)));
            if (series.Style == SeriesStyle.Band)
            {
                root.Add(Band(series, plot, Colour(s)));
                continue;
            }
            foreach (var segment in Segments(series))
            {
                bool markers = series.Style != SeriesStyle.Line;
                if (series.Style != SeriesStyle.Markers && segment.Count > 1)
                {
                    var points = new StringBuilder();
                    foreach (var (x, y) in segment)
                        points.Append(F(plot.X(x))).Append(',').Append(F(plot.Y(y))).Append(' ');
                    group.Add(new XElement(Svg + "polyline", new XAttribute("points", points.ToString().TrimEnd())));
                }
                else if (!markers)
                {
                    markers = true; // a point between gaps would be invisible as a line; draw it as a dot
                }
                if (!markers) continue;
                foreach (var (x, y) in segment)
                    group.Add(new XElement(Svg + "circle", new XAttribute("cx", F(plot.X(x))),
                        new XAttribute("cy", F(plot.Y(y))),
                        new XAttribute("r", series.Style == SeriesStyle.Markers ? 3.5 : 2.5),
                            new XAttribute("fill", Colour(s)),
                        new XAttribute("fill-opacity", 0.75), new XAttribute("stroke-width", 0.8)));
            }
            root.Add(group);
        }

        if (_series.Count > 0)
            root.Add(ChartLegend.Build(_series, Palette, plot, _series.SelectMany(Segments).SelectMany(p => p)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    /// <summary>The SVG text, with an XML declaration.</summary>
    public string ToSvg() => ToText(ToDocument());

    /// <summary>Writes the SVG to <paramref name="path"/> atomically (temporary file, flush, rename).</summary>
    public void Write(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(ToSvg()));
    }

    private XElement GuideElements(PlotArea plot)
    {
        var group = new XElement(Svg + "g", new XAttribute("stroke", "#888"), new XAttribute("stroke-width", 1.2),
            new XAttribute("stroke-dasharray", "5 4"), new XAttribute("fill", "none"));
        foreach (var guide in _guides)
        {
            switch (guide.Kind)
            {
                case ChartGuideKind.Circle when !LogX && !LogY:
                    double rx = plot.X(guide.X + guide.Radius) - plot.X(guide.X),
                        ry = plot.Y(guide.Y) - plot.Y(guide.Y + guide.Radius);
                    group.Add(new XElement(Svg + "ellipse", new XAttribute("cx", F(plot.X(guide.X))),
                        new XAttribute("cy", F(plot.Y(guide.Y))),
                        new XAttribute("rx", F(rx)), new XAttribute("ry", F(ry))));
                    if (guide.Label.Length > 0)
                        group.Add(GuideLabel(plot.X(guide.X) + rx * 0.71 + 4, plot.Y(guide.Y) - ry * 0.71 - 4,
                        guide.Label, "start"));
                    break;
                case ChartGuideKind.Horizontal when plot.YScale.Contains(guide.Y):
                    group.Add(Line(plot.Left, plot.Y(guide.Y), plot.Left + plot.Width, plot.Y(guide.Y)));
                    if (guide.Label.Length > 0)
                        group.Add(GuideLabel(plot.Left + plot.Width - 4, plot.Y(guide.Y) - 4, guide.Label, "end"));
                    break;
                case ChartGuideKind.Vertical when plot.XScale.Contains(guide.X):
                    group.Add(Line(plot.X(guide.X), plot.Top, plot.X(guide.X), plot.Top + plot.Height));
                    if (guide.Label.Length > 0)
                        group.Add(GuideLabel(plot.X(guide.X) + 4, plot.Top + 14, guide.Label, "start"));
                    break;
            }
        }
        return group;
    }

    private static XElement GuideLabel(double x, double y, string text, string anchor)
    {
        var label = Text(x, y, text, anchor, 11);
        label.Add(new XAttribute("fill", "#666"), new XAttribute("stroke", "none"));
        return label;
    }

    /// <summary>A band's polygons, one per run of points where both edges are drawable: along the upper edge and
    /// back along the lower.</summary>
    private XElement Band(ChartSeries series, PlotArea plot, string colour)
    {
        var group = new XElement(Svg + "g", new XAttribute("fill", colour), new XAttribute("fill-opacity", 0.2),
            new XAttribute("stroke", "none"), new XElement(Svg + "title", XmlSafe(series.Name)));
        var run = new List<int>();
        for (int i = 0; i <= series.X.Count; i++)
        {
            if (i < series.X.Count && Drawable(series.X[i], series.Y[i]) && series.Lower is { } lower
                && Drawable(series.X[i], lower[i]))
            {
                run.Add(i);
                continue;
            }
            if (run.Count > 1)
            {
                var points = new StringBuilder();
                foreach (int j in run) points.Append(F(plot.X(series.X[j]))).Append(',').Append(F(plot.Y(series.Y[j])))
                    .Append(' ');
                foreach (int j in Enumerable.Reverse(run))
                    points.Append(F(plot.X(series.X[j]))).Append(',').Append(F(plot.Y(series.Lower![j]))).Append(' ');
                group.Add(new XElement(Svg + "polygon", new XAttribute("points", points.ToString().TrimEnd())));
            }
            run.Clear();
        }
        return group;
    }

    private (ChartScale X, ChartScale Y) Scales()
    {
        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity, yMin = double.PositiveInfinity,
            yMax = double.NegativeInfinity;
        void Include(double x, double y)
        {
            xMin = Math.Min(xMin, x);
            xMax = Math.Max(xMax, x);
            yMin = Math.Min(yMin, y);
            yMax = Math.Max(yMax, y);
        }
        foreach (var series in _series)
            for (int i = 0; i < series.X.Count; i++)
            {
                if (Drawable(series.X[i], series.Y[i])) Include(series.X[i], series.Y[i]);
                if (series.Lower is { } lower && Drawable(series.X[i], lower[i])) Include(series.X[i], lower[i]);
            }
        if (!LogX && !LogY)
            foreach (var circle in _guides.Where(g => g.Kind == ChartGuideKind.Circle))
            {
                Include(circle.X - circle.Radius, circle.Y - circle.Radius);
                Include(circle.X + circle.Radius, circle.Y + circle.Radius);
            }
        return (LogX ? ChartScale.Log(xMin, xMax) : ChartScale.Linear(xMin, xMax, 7), LogY ? ChartScale.Log(yMin, yMax)
            : ChartScale.Linear(yMin, yMax, 6));
    }

    private bool Drawable(double x, double y) =>
        double.IsFinite(x) && double.IsFinite(y) && (!LogY || y > 0) && (!LogX || x > 0);

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

    private static string Colour(int index) => Palette[index % Palette.Count];
}
