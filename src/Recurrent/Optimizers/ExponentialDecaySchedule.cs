namespace Recurrent.Optimizers;

/// <summary>η(t) = η₀ · γᵗ, the closed form of PyTorch's ExponentialLR.</summary>
/// <param name="LearningRate">η₀, positive and finite.</param>
/// <param name="Gamma">Factor γ in (0, 1] applied every step.</param>
public sealed record ExponentialDecaySchedule(double LearningRate, double Gamma) : ILearningRateSchedule
{
    // Validated on construction and on `with`, so an invalid schedule cannot exist.
    /// <summary>η₀.</summary>
    public double LearningRate { get; init =>
        field = OptionCheck.Positive(value, "learning rate", nameof(LearningRate)); }
        = OptionCheck.Positive(LearningRate, "learning rate", nameof(LearningRate));

    /// <summary>γ.</summary>
    public double Gamma { get; init => field = OptionCheck.DecayFactor(value, "gamma", nameof(Gamma)); }
        = OptionCheck.DecayFactor(Gamma, "gamma", nameof(Gamma));

    /// <inheritdoc/>
    public double At(int step)
    {
        OptionCheck.NonNegative(step, "step", nameof(step));
        return LearningRate * Math.Pow(Gamma, step);
    }
}
