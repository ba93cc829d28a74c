namespace Recurrent.Lab.Plotting;

/// <summary>How a <see cref="ChartSeries"/> is drawn.</summary>
public enum SeriesStyle
{
    /// <summary>A polyline through the points (lone points between gaps become dots).</summary>
    Line,

    /// <summary>A marker at each point and no line: a scatter plot.</summary>
    Markers,

    /// <summary>A polyline with a marker at each point.</summary>
    LineAndMarkers,

    /// <summary>A shaded band between <see cref="ChartSeries.Lower"/> and Y (a prediction interval, say); a NaN in
    /// either leaves a gap.</summary>
    Band,
}
