namespace Recurrent.Losses;

/// <summary>The checks shared by <see cref="PinballLoss{T}"/> and <see cref="PinballMetric{T}"/>: levels τ in (0, 1),
/// increasing, and K outputs in Q equal blocks.</summary>
internal static class Quantiles
{
    /// <exception cref="ArgumentException">No level, one outside (0, 1), or levels not increasing.</exception>
    public static void Validate(IReadOnlyList<double> levels, string name)
    {
        if (levels.Count == 0) throw new ArgumentException($"{name}: expected at least one quantile level, got none");
        for (int q = 0; q < levels.Count; q++)
        {
            if (!(levels[q] > 0 && levels[q] < 1))
                throw new ArgumentException($"{name}: expected quantile levels in (0, 1), got {levels[q]}");
            if (q > 0 && !(levels[q] > levels[q - 1]))
                throw new ArgumentException($"{name}: expected increasing quantile levels, got {levels[q - 1]} " +
                    $"then {levels[q]}");
        }
    }

    /// <summary>K / Q, the outputs per level.</summary>
    /// <exception cref="ArgumentException">K is not a multiple of Q.</exception>
    public static int BlockSize(int outputs, int levels) => outputs % levels == 0 ? outputs / levels
        : throw new ArgumentException($"the pinball loss of {levels} quantile levels expects K a multiple of " +
            $"{levels} outputs (one block per level), got K = {outputs}");
}
