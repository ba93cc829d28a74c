using Recurrent.Forecasting;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Forecasting;

/// <summary>
/// Rolling origin on the series 1 … 12 with H = 2, K = 3: the forecaster sees exactly the first 6, 8 and 10 values,
/// and the naive forecast misses each window by 1 and 2 (MAE 1.5, RMSE √2.5, MASE 1.5 since the naive in-sample error
/// is 1); compared within 1e-12.
/// </summary>
public sealed class RollingOriginTests
{
    private static readonly TimeSeries Line = new("", [.. Enumerable.Range(1, 12).Select(i => (double)i)]);

    [Fact]
    public void EachWindow_IsForecastFromEverythingBeforeIt_AndNothingAfter()
    {
        var seen = new List<int>();
        var result = RollingOrigin.Evaluate([Line], horizon: 2, windows: 3, season: 1, history =>
        {
            seen.Add(history.Length);
            return ForecastBaselines.Forecast(BaselineKind.Naive, history.Values, 2);
        });
        Assert.Equal([6, 8, 10], seen);
        Assert.Equal([6, 8, 10], result.Windows.Select(w => w.Origin));
        Assert.Equal([11.0, 12], result.Windows[^1].Actual);
        Approx.Equal(1.5, result.Scores.Mae, 1e-12);
        Approx.Equal(Math.Sqrt(2.5), result.Scores.Rmse, 1e-12);
        Approx.Equal(1.5, result.Scores.Mase, 1e-12);
    }

    [Fact]
    public void Baselines_AreScoredOnTheSameWindows_DriftIsExactOnALine()
    {
        var baselines = RollingOrigin.Baselines([Line], horizon: 2, windows: 3, season: 1);
        Assert.Equal(ForecastBaselines.All, baselines.Keys.OrderBy(k => k));
        Approx.Equal(0, baselines[BaselineKind.Drift].Scores.Mae, 1e-12);
        Approx.Equal(1.5, baselines[BaselineKind.Naive].Scores.Mae, 1e-12);
    }

    [Fact]
    public void ATooShortSeries_IsRefused_WithTheLengthNeeded()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            RollingOrigin.Baselines([Line], horizon: 4, windows: 3, season: 1));
        Assert.Contains("expected at least 14", e.Message);
    }
}
