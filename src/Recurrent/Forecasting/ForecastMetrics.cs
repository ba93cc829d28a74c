namespace Recurrent.Forecasting;

/// <summary>
/// The point-forecast errors of the M4 competition, for actual values y_1 … y_h and forecasts ŷ_1 … ŷ_h:
/// <code>
/// MAE   = 1/h Σ |y_t − ŷ_t|
/// RMSE  = √(1/h Σ (y_t − ŷ_t)²)
/// sMAPE = 200/h Σ |y_t − ŷ_t| / (|y_t| + |ŷ_t|)          (a term with y_t = ŷ_t = 0 counts 0)
/// MASE  = MAE / scale,  scale = 1/(n − m) Σ_{t=m+1..n} |x_t − x_{t−m}|
/// </code>
/// where x_1 … x_n is the in-sample history before the forecast and m the season (m = 1 scales by the naive
/// forecast's error). A MASE below 1 beats the in-sample seasonal-naive forecast.
/// </summary>
public static class ForecastMetrics
{
    /// <summary>Mean absolute error.</summary>
    public static double Mae(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        CheckLengths(actual, forecast);
        double sum = 0;
        for (int t = 0; t < actual.Length; t++) sum += Math.Abs(actual[t] - forecast[t]);
        return sum / actual.Length;
    }

    /// <summary>Root mean squared error.</summary>
    public static double Rmse(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        CheckLengths(actual, forecast);
        return Math.Sqrt(SumSquaredError(actual, forecast) / actual.Length);
    }

    /// <summary>Σ (y_t − ŷ_t)², the numerator of RMSE, for pooling several windows.</summary>
    public static double SumSquaredError(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        CheckLengths(actual, forecast);
        double sum = 0;
        for (int t = 0; t < actual.Length; t++) sum += (actual[t] - forecast[t]) * (actual[t] - forecast[t]);
        return sum;
    }

    /// <summary>Symmetric mean absolute percentage error in percent (M4).</summary>
    public static double Smape(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        CheckLengths(actual, forecast);
        double sum = 0;
        for (int t = 0; t < actual.Length; t++)
        {
            double denominator = Math.Abs(actual[t]) + Math.Abs(forecast[t]);
            if (denominator > 0) sum += Math.Abs(actual[t] - forecast[t]) / denominator;
        }
        return 200 * sum / actual.Length;
    }

    /// <summary>
    /// The MASE scale: the mean absolute error of the seasonal-naive forecast inside <paramref name="history"/>,
    /// 1/(n − m) Σ_{t=m+1..n} |x_t − x_{t−m}|.
    /// </summary>
    /// <exception cref="ArgumentException">A history of m values or fewer, or m &lt; 1.</exception>
    public static double SeasonalNaiveScale(ReadOnlySpan<double> history, int season)
    {
        if (season < 1) throw new ArgumentException($"season: expected m ≥ 1, got {season}");
        if (history.Length <= season)
            throw new ArgumentException(
                $"the MASE scale needs more than m = {season} values of history, got {history.Length}");
        double sum = 0;
        for (int t = season; t < history.Length; t++) sum += Math.Abs(history[t] - history[t - season]);
        return sum / (history.Length - season);
    }

    /// <summary>Mean absolute scaled error: MAE / <see cref="SeasonalNaiveScale"/> of the history (NaN when that
    /// scale is 0).</summary>
    public static double Mase(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast,
        ReadOnlySpan<double> history, int season)
    {
        double scale = SeasonalNaiveScale(history, season);
        return scale > 0 ? Mae(actual, forecast) / scale : double.NaN;
    }

    private static void CheckLengths(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        if (actual.Length == 0) throw new ArgumentException("expected at least one actual value, got none");
        if (actual.Length != forecast.Length)
            throw new ArgumentException(
                $"expected as many forecasts as actual values ({actual.Length}), got {forecast.Length}");
    }
}
