namespace Recurrent.Forecasting;

/// <summary>One test window of a rolling-origin evaluation: the forecast made at an origin and what came.</summary>
/// <param name="Series">The series' name ("" for a file of one series).</param>
/// <param name="Origin">The number of values known when forecasting: the window is values Origin … Origin + H − 1
/// (0-based).</param>
/// <param name="Actual">y (H), what came.</param>
/// <param name="Forecast">ŷ (H), what was forecast.</param>
/// <param name="Scores">This window's scores (RMSE over its H values, MASE scaled by its own history).</param>
public sealed record ForecastWindow(string Series, int Origin, double[] Actual, double[] Forecast,
    ForecastScores Scores)
{
    /// <summary>The lower end of the prediction interval (H), the lowest quantile level's forecast; null for a point
    /// forecaster.</summary>
    public double[]? Lower { get; init; }

    /// <summary>The upper end of the prediction interval (H), the highest level's forecast; null for a point
    /// forecaster.</summary>
    public double[]? Upper { get; init; }
}
