using Recurrent.Data;

namespace Recurrent.Forecasting;

/// <summary>
/// Cuts a scaled series z into training examples of the direct multi-output forecaster: for each origin o, the W
/// values before it are the input sequence and the H values from it the target vector.
/// <code>
/// x = z[o−W … o−1]  (W steps × 1 feature)      target = z[o … o+H−1] − base  (H values)
/// </code>
/// where base is 0, or with a lag ℓ ≥ 1 the naive (ℓ = 1) or seasonal-naive (ℓ = m) forecast from the origin
/// (<see cref="Differencing"/>). A quantile forecaster of Q levels gets the target repeated Q times, one block per
/// level (<see cref="Losses.PinballLoss{T}"/>).
/// </summary>
public static class ForecastWindows
{
    /// <summary>The examples of origins <paramref name="firstOrigin"/> … <paramref name="lastOrigin"/> (inclusive);
    /// none when the range is empty. <paramref name="lag"/> ℓ (0 for none) must not exceed W; the target is repeated
    /// <paramref name="copies"/> times (Q, the quantile levels). The input rows are <paramref name="inputs"/>, (n, F)
    /// with F = <paramref name="inputSize"/> (<see cref="ForecastInputs"/>), or the scaled values alone.</summary>
    /// <exception cref="ArgumentException">An origin whose input or target leaves the series.</exception>
    public static IEnumerable<SequenceExample> Examples(float[] scaled, int window, int horizon, int firstOrigin,
        int lastOrigin, string name = "", int lag = 0, int copies = 1, float[]? inputs = null, int inputSize = 1)
    {
        ArgumentNullException.ThrowIfNull(scaled);
        if ((inputs ?? scaled).Length != scaled.Length * inputSize)
            throw new ArgumentException($"expected inputs of {scaled.Length} × {inputSize} features, got " +
                $"{(inputs ?? scaled).Length} values");
        if (window < 1 || horizon < 1 || lag < 0 || lag > window || copies < 1)
            throw new ArgumentException($"expected W ≥ 1, H ≥ 1, 0 ≤ ℓ ≤ W and Q ≥ 1, got W = {window}, " +
                $"H = {horizon}, ℓ = {lag}, Q = {copies}");
        if (lastOrigin >= firstOrigin && (firstOrigin < window || lastOrigin + horizon > scaled.Length))
            throw new ArgumentException(
                $"origins {firstOrigin} … {lastOrigin} need values {firstOrigin - window} … " +
                $"{lastOrigin + horizon - 1}, but the series has 0 … {scaled.Length - 1}");
        for (int origin = firstOrigin; origin <= lastOrigin; origin++)
        {
            float[] target = scaled[origin..(origin + horizon)];
            if (lag > 0)
            {
                float[] baseline = Baseline(scaled.AsSpan(origin - window, window), horizon, lag);
                for (int h = 0; h < horizon; h++) target[h] -= baseline[h];
            }
            float[] repeated = copies == 1 ? target : new float[copies * horizon];
            for (int q = 1; q < copies; q++) target.CopyTo(repeated, q * horizon);
            if (copies > 1) target.CopyTo(repeated, 0);
            var x = inputs ?? scaled;
            yield return SequenceExample.FromFeatures(x[((origin - window) * inputSize)..(origin * inputSize)],
                inputSize,
                SequenceTarget.Vector(repeated), $"{name}@{origin}");
        }
    }

    /// <summary>The base of the differencing of lag ℓ ≥ 1 after <paramref name="history"/> (at least ℓ values):
    /// z_{o+h−ℓ(⌊(h−1)/ℓ⌋+1)} for h = 1 … H.</summary>
    public static float[] Baseline(ReadOnlySpan<float> history, int horizon, int lag)
    {
        var baseline = new float[horizon];
        for (int h = 1; h <= horizon; h++) baseline[h - 1] = history[history.Length + h - lag * ((h - 1) / lag + 1)
            - 1];
        return baseline;
    }
}
