using Recurrent.Data;

namespace Recurrent.Forecasting;

/// <summary>
/// Cuts a scaled series z into training examples of the direct multi-output forecaster: for each origin o, the W
/// values before it are the input sequence and the H values from it the target vector.
/// <code>
/// x = z[o−W … o−1]  (W steps × 1 feature)      target = z[o … o+H−1]  (H values)
/// </code>
/// </summary>
public static class ForecastWindows
{
    /// <summary>The examples of origins <paramref name="firstOrigin"/> … <paramref name="lastOrigin"/> (inclusive);
    /// none when the range is empty.</summary>
    /// <exception cref="ArgumentException">An origin whose input or target leaves the series.</exception>
    public static IEnumerable<SequenceExample> Examples(float[] scaled, int window, int horizon, int firstOrigin,
        int lastOrigin, string name = "")
    {
        ArgumentNullException.ThrowIfNull(scaled);
        if (window < 1 || horizon < 1)
            throw new ArgumentException($"expected W ≥ 1 and H ≥ 1, got W = {window}, H = {horizon}");
        if (lastOrigin >= firstOrigin && (firstOrigin < window || lastOrigin + horizon > scaled.Length))
            throw new ArgumentException(
                $"origins {firstOrigin} … {lastOrigin} need values {firstOrigin - window} … {lastOrigin + horizon - 1}" +
                $", but the series has 0 … {scaled.Length - 1}");
        for (int origin = firstOrigin; origin <= lastOrigin; origin++)
            yield return SequenceExample.FromFeatures(scaled[(origin - window)..origin], 1,
                SequenceTarget.Vector(scaled[origin..(origin + horizon)]), $"{name}@{origin}");
    }
}
