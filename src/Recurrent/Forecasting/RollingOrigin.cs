namespace Recurrent.Forecasting;

/// <summary>
/// Rolling-origin evaluation (a time-series cross-validation without refitting): for each of the last K windows of
/// length H of a series of n values, the forecaster sees only the values before the window and forecasts the window.
/// <code>
/// window k = 1 … K covers values [o_k, o_k + H),  o_k = n − (K − k + 1)·H
/// </code>
/// Each window's MASE is scaled by the seasonal-naive error of its own history y_1 … y_{o_k} (M4's in-sample scale).
/// </summary>
public static class RollingOrigin
{
    /// <summary>
    /// Scores <paramref name="forecast"/> (history → H values) on the last <paramref name="windows"/> windows of every
    /// series.
    /// </summary>
    /// <exception cref="ArgumentException">H, K or m below 1, or a series too short: each history must hold more than
    /// m and at least <paramref name="minimumHistory"/> values.</exception>
    public static RollingOriginResult Evaluate(IReadOnlyList<TimeSeries> series, int horizon, int windows, int season,
        Func<TimeSeries, double[]> forecast, int minimumHistory = 1)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(forecast);
        if (horizon < 1) throw new ArgumentException($"horizon: expected H ≥ 1, got {horizon}");
        if (windows < 1) throw new ArgumentException($"windows: expected K ≥ 1, got {windows}");
        if (season < 1) throw new ArgumentException($"season: expected m ≥ 1, got {season}");
        if (series.Count == 0) throw new ArgumentException("expected at least one series, got none");
        int needed = Math.Max(minimumHistory, season + 1);
        foreach (var s in series)
            if (s.Length - windows * horizon < needed)
                throw new ArgumentException(
                    $"series{Named(s)} has {s.Length} values, too short for {windows} test windows of {horizon} " +
                    $"after a history of at least {needed}: expected at least {needed + windows * horizon}");
        var results = new List<ForecastWindow>();
        double squared = 0;
        foreach (var s in series)
            for (int k = 1; k <= windows; k++)
            {
                int origin = s.Length - (windows - k + 1) * horizon;
                var history = s.Take(origin);
                double[] predicted = forecast(history);
                if (predicted.Length != horizon)
                    throw new InvalidOperationException(
                        $"the forecaster returned {predicted.Length} values, expected H = {horizon}");
                double[] actual = s.Values[origin..(origin + horizon)];
                squared += ForecastMetrics.SumSquaredError(actual, predicted);
                results.Add(new ForecastWindow(s.Name, origin, actual, predicted, new ForecastScores(
                    ForecastMetrics.Mae(actual, predicted), ForecastMetrics.Rmse(actual, predicted),
                    ForecastMetrics.Smape(actual, predicted),
                    ForecastMetrics.Mase(actual, predicted, history.Values, season))));
            }
        var scores = new ForecastScores(results.Average(w => w.Scores.Mae),
            Math.Sqrt(squared / (results.Count * horizon)), results.Average(w => w.Scores.Smape),
            results.Average(w => w.Scores.Mase));
        return new RollingOriginResult(scores, results);
    }

    /// <summary>Every baseline of <see cref="ForecastBaselines"/> by rolling origin.</summary>
    public static IReadOnlyDictionary<BaselineKind, RollingOriginResult> Baselines(IReadOnlyList<TimeSeries> series,
        int horizon, int windows, int season) =>
        ForecastBaselines.All.ToDictionary(kind => kind, kind => Evaluate(series, horizon, windows, season,
            history => ForecastBaselines.Forecast(kind, history.Values, horizon, season)));

    private static string Named(TimeSeries s) => s.Name.Length == 0 ? "" : $" '{s.Name}'";
}
