using Recurrent.Forecasting;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Forecasting;

/// <summary>
/// The M4 errors against hand computations (tolerance 1e-12, exact arithmetic on small numbers): actual [1, 2, 3, 4]
/// and forecast [2, 2, 1, 4] have errors 1, 0, 2, 0; the history [1, 3, 2, 6, 4] has seasonal differences 1, 3, 2
/// (m = 2) and 2, 1, 4, 2 (m = 1).
/// </summary>
public sealed class ForecastMetricsTests
{
    private static readonly double[] Actual = [1, 2, 3, 4], Forecast = [2, 2, 1, 4], History = [1, 3, 2, 6, 4];

    [Fact]
    public void Mae_IsTheMeanAbsoluteError() => Approx.Equal(3.0 / 4, ForecastMetrics.Mae(Actual, Forecast), 1e-12);

    [Fact]
    public void Rmse_IsTheRootOfTheMeanSquaredError() =>
        Approx.Equal(Math.Sqrt(5.0 / 4), ForecastMetrics.Rmse(Actual, Forecast), 1e-12);

    [Fact]
    public void Smape_IsM4s_InPercent_AndCountsBothZeroAsNoError()
    {
        Approx.Equal(200.0 / 4 * (1.0 / 3 + 2.0 / 4), ForecastMetrics.Smape(Actual, Forecast), 1e-12);
        Approx.Equal(100.0, ForecastMetrics.Smape([0, 5], [0, 0]), 1e-12); // 200/2 · (0 + 5/5)
    }

    [Fact]
    public void Mase_ScalesByTheInSampleSeasonalNaiveError()
    {
        Approx.Equal(0.75 / (6.0 / 3), ForecastMetrics.Mase(Actual, Forecast, History, season: 2), 1e-12);
        Approx.Equal(0.75 / (9.0 / 4), ForecastMetrics.Mase(Actual, Forecast, History, season: 1), 1e-12);
    }

    [Fact]
    public void Mase_OfAConstantHistory_IsNaN_NotInfinity() =>
        Assert.True(double.IsNaN(ForecastMetrics.Mase([1], [2], [3, 3, 3], season: 1)));

    [Fact]
    public void Metrics_RefuseMismatchedLengths_AndTooShortHistories()
    {
        Assert.Throws<ArgumentException>(() => ForecastMetrics.Mae([1, 2], [1]));
        var e = Assert.Throws<ArgumentException>(() => ForecastMetrics.SeasonalNaiveScale([1, 2], season: 2));
        Assert.Contains("more than m = 2", e.Message);
    }
}
