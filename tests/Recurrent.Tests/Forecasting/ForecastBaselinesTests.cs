using Recurrent.Forecasting;

namespace Recurrent.Tests.Forecasting;

/// <summary>The four baselines against hand computations on the history [1, 3, 2, 6, 4] (exact small numbers, so
/// compared within 1e-12).</summary>
public sealed class ForecastBaselinesTests
{
    private static readonly double[] History = [1, 3, 2, 6, 4];

    [Theory]
    [InlineData(BaselineKind.Naive, 1, new double[] { 4, 4, 4 })]
    [InlineData(BaselineKind.SeasonalNaive, 2, new double[] { 6, 4, 6 })]
    [InlineData(BaselineKind.SeasonalNaive, 1, new double[] { 4, 4, 4 })]
    [InlineData(BaselineKind.Drift, 1, new double[] { 4.75, 5.5, 6.25 })] // slope (4 − 1) / 4
    [InlineData(BaselineKind.Mean, 1, new double[] { 3.2, 3.2, 3.2 })]
    public void Forecast_MatchesTheHandComputation(BaselineKind kind, int season, double[] expected) =>
        Support.Approx.Equal(expected, ForecastBaselines.Forecast(kind, History, expected.Length, season), 1e-12);

    [Fact]
    public void SeasonalNaive_RepeatsTheLastCycle_BeyondOneSeason() =>
        Support.Approx.Equal([2, 6, 4, 2, 6],
            ForecastBaselines.Forecast(BaselineKind.SeasonalNaive, History, 5, season: 3), 1e-12);

    [Fact]
    public void Baselines_RefuseWhatTheyCannotForecast()
    {
        Assert.Throws<ArgumentException>(() => ForecastBaselines.Forecast(BaselineKind.Naive, History, 0));
        Assert.Throws<ArgumentException>(() => ForecastBaselines.Forecast(BaselineKind.Mean, [], 1));
        var e = Assert.Throws<ArgumentException>(() =>
            ForecastBaselines.Forecast(BaselineKind.SeasonalNaive, History, 1, season: 7));
        Assert.Contains("m = 7", e.Message);
    }

    [Fact]
    public void Names_AreTheJsonKeys() =>
        Assert.Equal(["naive", "seasonal_naive", "drift", "mean"],
            ForecastBaselines.All.Select(ForecastBaselines.Name));
}
