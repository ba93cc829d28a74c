namespace Recurrent.Lab.Plotting;

/// <summary>The shape of a <see cref="ChartGuide"/>.</summary>
public enum ChartGuideKind
{
    Circle,
    Horizontal,
    Vertical,
}
