namespace Recurrent.Optimizers;

/// <summary>
/// Cosine annealing, the closed form of PyTorch's CosineAnnealingLR with T_max = TotalSteps:
/// <code>
/// η(t) = η_min + (η₀ − η_min) · (1 + cos(π · t / TotalSteps)) / 2     for 0 ≤ t ≤ TotalSteps
/// η(t) = η_min                                                         for t &gt; TotalSteps
/// </code>
/// </summary>
/// <remarks>
/// PyTorch's closed form is periodic and climbs back towards η₀ after T_max; we hold η_min instead, because a
/// run that goes past its planned length should not suddenly warm up again.
/// </remarks>
/// <param name="LearningRate">η₀, positive and finite.</param>
/// <param name="TotalSteps">Steps from η₀ to η_min, ≥ 1.</param>
/// <param name="MinimumLearningRate">η_min in [0, η₀]. Default 0.</param>
public sealed record CosineSchedule(double LearningRate, int TotalSteps,
    double MinimumLearningRate = 0) : ILearningRateSchedule
{
    // Validated on construction and on `with`, so an invalid schedule cannot exist; η_min ≤ η₀ is checked in At
    // because `with` may change either one first.
    /// <summary>η₀.</summary>
    public double LearningRate { get; init =>
        field = OptionCheck.Positive(value, "learning rate", nameof(LearningRate)); }
        = OptionCheck.Positive(LearningRate, "learning rate", nameof(LearningRate));

    /// <summary>Steps from η₀ to η_min.</summary>
    public int TotalSteps { get; init => field = OptionCheck.Positive(value, "total steps", nameof(TotalSteps)); }
        = OptionCheck.Positive(TotalSteps, "total steps", nameof(TotalSteps));

    /// <summary>η_min.</summary>
    public double MinimumLearningRate { get; init =>
        field = OptionCheck.NonNegative(value, "minimum learning rate", nameof(MinimumLearningRate)); }
        = CheckMinimum(MinimumLearningRate, LearningRate);

    /// <inheritdoc/>
    public double At(int step)
    {
        OptionCheck.NonNegative(step, "step", nameof(step));
        CheckMinimum(MinimumLearningRate, LearningRate);
        if (step >= TotalSteps) return MinimumLearningRate;
        return MinimumLearningRate + (LearningRate - MinimumLearningRate) * (1 + Math.Cos(Math.PI * step / TotalSteps))
            / 2;
    }

    private static double CheckMinimum(double minimum, double learningRate)
    {
        OptionCheck.NonNegative(minimum, "minimum learning rate", nameof(MinimumLearningRate));
        if (minimum > learningRate)
            throw new ArgumentOutOfRangeException(nameof(MinimumLearningRate),
                $"minimum learning rate must not exceed the learning rate {OptionCheck.Text(learningRate)}, got " +
                    $"{OptionCheck.Text(minimum)}");
        return minimum;
    }
}
