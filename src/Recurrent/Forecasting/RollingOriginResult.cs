namespace Recurrent.Forecasting;

/// <summary>The windows of a rolling-origin evaluation of one forecaster and their pooled scores.</summary>
/// <param name="Scores">MAE, sMAPE and MASE are the means over windows (every window has H values, so MAE and sMAPE
/// equal the means over every forecast value); RMSE is the root of the mean squared error over every value.</param>
/// <param name="Windows">Each series' windows, oldest origin first, series in file order.</param>
public sealed record RollingOriginResult(ForecastScores Scores, IReadOnlyList<ForecastWindow> Windows);
