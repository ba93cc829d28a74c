using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Recurrent.Parameters.Serialization;
using static Recurrent.Lab.Plotting.SvgElements;

namespace Recurrent.Lab.Plotting;

/// <summary>
/// A heatmap of a (rows, columns) matrix: one cell per entry coloured by <see cref="ColourMap"/> (viridis) between
/// <see cref="Min"/> and <see cref="Max"/> (the finite data's range unless given; values outside are clamped), NaN and
/// infinite cells grey, row 0 at the top, a colour bar with nice ticks, title and axis labels. Up to
/// <see cref="MaxRectangleCells"/> cells are SVG rectangles; larger matrices are embedded as one PNG image (pixelated)
/// so the file stays small.
/// </summary>
public sealed class SvgHeatmap
{
    /// <summary>Matrices with more cells than this are drawn as an embedded image rather than rectangles.</summary>
    public const int MaxRectangleCells = 4096;

    private const double Left = 64, Right = 110, Top = 44, Bottom = 56, BarWidth = 16;

    /// <param name="values">The matrix, (rows, columns), kept by reference; at least one row and one column.</param>
    public SvgHeatmap(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetLength(0) == 0 || values.GetLength(1) == 0)
            throw new ArgumentException($"a heatmap needs at least one row and one column, got " +
                $"({values.GetLength(0)}, {values.GetLength(1)})", nameof(values));
        Values = values;
    }

    public double[,] Values { get; }

    public string Title { get; init; } = "";

    /// <summary>Label under the columns axis.</summary>
    public string XLabel { get; init; } = "";

    /// <summary>Label beside the rows axis.</summary>
    public string YLabel { get; init; } = "";

    /// <summary>Label beside the colour bar.</summary>
    public string ColourLabel { get; init; } = "";

    /// <summary>Names of the rows (drawn when there are at most 30 rows); null numbers them from
    /// <see cref="FirstRowNumber"/>.</summary>
    public IReadOnlyList<string>? RowNames { get; init; }

    /// <summary>The number shown for row 0 when <see cref="RowNames"/> is null. Default 1.</summary>
    public int FirstRowNumber { get; init; } = 1;

    /// <summary>Value at the bottom of the colour map; null takes the smallest finite value.</summary>
    public double? Min { get; init; }

    /// <summary>Value at the top of the colour map; null takes the largest finite value.</summary>
    public double? Max { get; init; }

    public int Width { get; init; } = 760;

    public int Height { get; init; } = 440;

    /// <summary>The range the colours span: <see cref="Min"/>/<see cref="Max"/> or the finite data's range, widened
    /// when empty.</summary>
    public (double Min, double Max) ColourRange()
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in Values)
            if (double.IsFinite(v)) (min, max) = (Math.Min(min, v), Math.Max(max, v));
        min = Min ?? (double.IsFinite(min) ? min : 0);
        max = Max ?? (double.IsFinite(max) ? max : 1);
        if (!(max > min)) (min, max) = (min - 0.5, min + 0.5);
        return (min, max);
    }

    public XDocument ToDocument()
    {
        if (Width < 250 || Height < 150)
            throw new ArgumentOutOfRangeException(nameof(Width),
                $"heatmap size must be at least 250 × 150 pixels, got {Width} × {Height}");
        int rows = Values.GetLength(0), columns = Values.GetLength(1);
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        double cellWidth = plotWidth / columns, cellHeight = plotHeight / rows;
        var (min, max) = ColourRange();
        double Fraction(double v) => double.IsFinite(v) ? (v - min) / (max - min) : double.NaN;

        var root = Root(Width, Height);
        if (Title.Length > 0) root.Add(Text(Width / 2.0, 26, Title, "middle", 15, "bold"));
        if (rows * columns <= MaxRectangleCells)
        {
            var cells = new XElement(Svg + "g", new XAttribute("shape-rendering", "crispEdges"));
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                    cells.Add(Rect(Left + c * cellWidth, Top + r * cellHeight, cellWidth + 0.02, cellHeight + 0.02,
                        ColourMap.Hex(Fraction(Values[r, c]))));
            root.Add(cells);
        }
        else
        {
            var rgb = new byte[rows * columns * 3];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                    (rgb[(r * columns + c) * 3], rgb[(r * columns + c) * 3 + 1], rgb[(r * columns + c) * 3 + 2]) =
                        ColourMap.Rgb(Fraction(Values[r, c]));
            string png = Convert.ToBase64String(PngImage.Encode(columns, rows, rgb));
            root.Add(new XElement(Svg + "image", new XAttribute("x", F(Left)), new XAttribute("y", F(Top)),
                new XAttribute("width", F(plotWidth)), new XAttribute("height", F(plotHeight)),
                    new XAttribute("preserveAspectRatio", "none"),
                new XAttribute("image-rendering", "optimizeSpeed"),
                    new XAttribute("style", "image-rendering:pixelated"),
                new XAttribute("href", "data:image/png;base64," + png)));
        }
        var frame = Rect(Left, Top, plotWidth, plotHeight, "none");
        frame.Add(new XAttribute("stroke", "#444"));
        root.Add(frame);

        var labels = new XElement(Svg + "g", new XAttribute("fill", "#333"));
        var columnScale = ChartScale.Linear(0, columns - 1, 8);
        foreach (double tick in columnScale.Ticks.Where(t => t >= 0 && t <= columns - 1 && t == Math.Round(t)))
            labels.Add(Text(Left + (tick + 0.5) * cellWidth, Top + plotHeight + 17, columnScale.Label(tick), "middle"));
        var rowIndices = rows <= 30 ? Enumerable.Range(0, rows) : ChartScale.Linear(0, rows - 1, 8).Ticks.Where(t =>
            t >= 0 && t <= rows - 1).Select(t => (int)t);
        int rowStride = rows <= 20 ? 1 : 2;
        foreach (int r in rowIndices.Where(r => rows > 30 || r % rowStride == 0))
        {
            string name = RowNames is not null && r < RowNames.Count ? RowNames[r]
                : (r + FirstRowNumber).ToString(CultureInfo.InvariantCulture);
            labels.Add(Text(Left - 6, Top + (r + 0.5) * cellHeight + 4, name, "end"));
        }
        root.Add(labels);
        if (XLabel.Length > 0) root.Add(Text(Left + plotWidth / 2, Height - 14, XLabel, "middle", 13));
        if (YLabel.Length > 0) root.Add(VerticalText(18, Top + plotHeight / 2, YLabel));
        root.Add(ColourBar(min, max, Left + plotWidth + 18, plotHeight));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    public string ToSvg() => ToText(ToDocument());

    /// <summary>Writes the SVG to <paramref name="path"/> atomically.</summary>
    public void Write(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(ToSvg()));
    }

    /// <summary>A vertical gradient from min (bottom) to max (top) with ticks inside the range, and its
    /// label.</summary>
    private XElement ColourBar(double min, double max, double x, double height)
    {
        var gradient = new XElement(Svg + "linearGradient", new XAttribute("id", "colour-bar"),
            new XAttribute("x1", 0), new XAttribute("y1", 1), new XAttribute("x2", 0), new XAttribute("y2", 0));
        for (int i = 0; i <= 20; i++)
            gradient.Add(new XElement(Svg + "stop", new XAttribute("offset", F(i / 20.0)),
                new XAttribute("stop-color", ColourMap.Hex(i / 20.0))));
        var bar = Rect(x, Top, BarWidth, height, "url(#colour-bar)");
        bar.Add(new XAttribute("stroke", "#444"), new XAttribute("class", "colour-bar"),
            new XAttribute("data-min", min.ToString("R", CultureInfo.InvariantCulture)),
                new XAttribute("data-max", max.ToString("R", CultureInfo.InvariantCulture)));
        var group = new XElement(Svg + "g", new XElement(Svg + "defs", gradient), bar);
        var scale = ChartScale.Linear(min, max, 9); // more than the axes' 6: only ticks inside the range are drawn
        foreach (double tick in scale.Ticks.Where(t =>
            t >= min - 1e-12 * Math.Abs(max - min) && t <= max + 1e-12 * Math.Abs(max - min)))
        {
            double y = Top + (1 - (tick - min) / (max - min)) * height;
            var mark = Line(x + BarWidth, y, x + BarWidth + 4, y);
            mark.Add(new XAttribute("stroke", "#444"));
            var label = Text(x + BarWidth + 7, y + 4, scale.Label(tick), "start");
            label.Add(new XAttribute("class", "colour-tick"));
            group.Add(mark, label);
        }
        if (ColourLabel.Length > 0) group.Add(VerticalText(Width - 12, Top + height / 2, ColourLabel));
        return group;
    }
}
