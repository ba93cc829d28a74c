namespace Recurrent.Lab.Plotting;

/// <summary>
/// A grey dashed reference drawn under the data of an <see cref="SvgLineChart"/>: a circle (centre, radius), e.g. the
/// unit circle of the complex plane, or a horizontal or vertical line. Circles widen the axes to fit; lines do not.
/// </summary>
public sealed record ChartGuide
{
    private ChartGuide(ChartGuideKind kind, double x, double y, double radius, string label)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y) || !(radius >= 0) || !double.IsFinite(radius))
            throw new ArgumentException($"a guide needs finite coordinates and a radius ≥ 0, got ({x}, {y}), r = " +
                $"{radius}");
        Kind = kind;
        X = x;
        Y = y;
        Radius = radius;
        Label = label ?? "";
    }

    public ChartGuideKind Kind { get; }

    /// <summary>Centre x of a circle, or the x of a vertical line.</summary>
    public double X { get; }

    /// <summary>Centre y of a circle, or the y of a horizontal line.</summary>
    public double Y { get; }

    /// <summary>Radius of a circle in data units (0 for lines).</summary>
    public double Radius { get; }

    /// <summary>Short text drawn beside the guide; may be empty.</summary>
    public string Label { get; }

    public static ChartGuide Circle(double centreX, double centreY, double radius, string label = "") =>
        new(ChartGuideKind.Circle, centreX, centreY, radius, label);

    public static ChartGuide Horizontal(double y, string label = "") => new(ChartGuideKind.Horizontal, 0, y, 0, label);

    public static ChartGuide Vertical(double x, string label = "") => new(ChartGuideKind.Vertical, x, 0, 0, label);
}
