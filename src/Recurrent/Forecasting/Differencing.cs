namespace Recurrent.Forecasting;

/// <summary>
/// What the network learns to forecast: the scaled values themselves, or their difference from a baseline forecast
/// made at the origin, which is added back afterwards. With lag ℓ (1 for first order, m for seasonal), origin o and
/// step h = 1 … H:
/// <code>
/// target_h = z_{o+h} − z_{o+h−ℓ(⌊(h−1)/ℓ⌋+1)}        ŷ_h = z_{o+h−ℓ(⌊(h−1)/ℓ⌋+1)} + network_h
/// </code>
/// that is the differences of order 1 or of lag m summed up to step h, so a network whose head outputs 0 is the
/// naive (or seasonal-naive) forecast and training only learns the correction.
/// </summary>
public enum Differencing
{
    /// <summary>The network forecasts the scaled values.</summary>
    None,

    /// <summary>The network forecasts the change from the last value (lag 1): naive + correction.</summary>
    FirstOrder,

    /// <summary>The network forecasts the change from the value one season earlier (lag m): seasonal naive +
    /// correction.</summary>
    Seasonal,
}
