namespace Recurrent.Forecasting;

/// <summary>
/// The benchmark forecasts of Hyndman &amp; Athanasopoulos (<i>Forecasting: Principles and Practice</i>, §5.2) and of
/// M4, for a history y_1 … y_n, steps h = 1 … H ahead and season m:
/// <code>
/// naive            ŷ_{n+h} = y_n
/// seasonal naive   ŷ_{n+h} = y_{n+h−m(⌊(h−1)/m⌋+1)}        (the same season of the last observed cycle)
/// drift            ŷ_{n+h} = y_n + h (y_n − y_1) / (n − 1)   (y_n when n = 1)
/// mean             ŷ_{n+h} = 1/n Σ y_t
/// </code>
/// </summary>
public static class ForecastBaselines
{
    /// <summary>Every baseline, in the order reports list them.</summary>
    public static IReadOnlyList<BaselineKind> All { get; } =
        [BaselineKind.Naive, BaselineKind.SeasonalNaive, BaselineKind.Drift, BaselineKind.Mean];

    /// <summary>The snake_case name reports and JSON use ("naive", "seasonal_naive", "drift", "mean").</summary>
    public static string Name(BaselineKind kind) => kind switch
    {
        BaselineKind.Naive => "naive",
        BaselineKind.SeasonalNaive => "seasonal_naive",
        BaselineKind.Drift => "drift",
        BaselineKind.Mean => "mean",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), $"unknown baseline {(int)kind}"),
    };

    /// <summary>The <paramref name="horizon"/> values after <paramref name="history"/> by
    /// <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentException">An empty history, a horizon or season below 1, or (seasonal naive) fewer
    /// than m values.</exception>
    public static double[] Forecast(BaselineKind kind, ReadOnlySpan<double> history, int horizon, int season = 1)
    {
        if (history.Length == 0) throw new ArgumentException("expected a history of at least one value, got none");
        if (horizon < 1) throw new ArgumentException($"horizon: expected H ≥ 1, got {horizon}");
        if (season < 1) throw new ArgumentException($"season: expected m ≥ 1, got {season}");
        int n = history.Length;
        var forecast = new double[horizon];
        switch (kind)
        {
            case BaselineKind.Naive:
                Array.Fill(forecast, history[^1]);
                break;
            case BaselineKind.SeasonalNaive:
                if (n < season)
                    throw new ArgumentException(
                        $"seasonal naive needs a full season of m = {season} values, got {n}");
                for (int h = 1; h <= horizon; h++) forecast[h - 1] = history[n + h - season * ((h - 1) / season + 1)
                    - 1];
                break;
            case BaselineKind.Drift:
                double slope = n == 1 ? 0 : (history[^1] - history[0]) / (n - 1);
                for (int h = 1; h <= horizon; h++) forecast[h - 1] = history[^1] + h * slope;
                break;
            case BaselineKind.Mean:
                double sum = 0;
                foreach (double y in history) sum += y;
                Array.Fill(forecast, sum / n);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), $"unknown baseline {(int)kind}");
        }
        return forecast;
    }
}
