namespace Recurrent.Lab.Plotting;

/// <summary>The plot rectangle of a chart in pixels and the scales that map data into it (y grows upwards).</summary>
internal sealed record PlotArea(double Left, double Top, double Width, double Height, ChartScale XScale,
    ChartScale YScale)
{
    public double X(double x) => Left + XScale.Fraction(x) * Width;

    public double Y(double y) => Top + (1 - YScale.Fraction(y)) * Height;
}
