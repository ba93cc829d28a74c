namespace Recurrent.Forecasting;

/// <summary>
/// The prediction interval of a quantile forecaster, [τ_lower, τ_upper] quantiles, and its coverage on the test
/// windows: the fraction of actual values y_{o+h} with lower_h ≤ y_{o+h} ≤ upper_h, over every window and step. A
/// calibrated interval covers about <see cref="Nominal"/> = τ_upper − τ_lower of them.
/// </summary>
/// <param name="LowerLevel">τ_lower, the lowest quantile level.</param>
/// <param name="UpperLevel">τ_upper, the highest.</param>
/// <param name="Coverage">The observed fraction inside, in [0, 1].</param>
public sealed record ForecastInterval(double LowerLevel, double UpperLevel, double Coverage)
{
    /// <summary>τ_upper − τ_lower, the coverage a calibrated interval has.</summary>
    public double Nominal => UpperLevel - LowerLevel;
}
