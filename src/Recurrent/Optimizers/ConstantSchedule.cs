namespace Recurrent.Optimizers;

/// <summary>η(t) = η₀ at every step.</summary>
/// <param name="LearningRate">η₀, positive and finite.</param>
public sealed record ConstantSchedule(double LearningRate) : ILearningRateSchedule
{
    // Validated on construction and on `with`, so an invalid schedule cannot exist.
    /// <summary>η₀.</summary>
    public double LearningRate { get; init =>
        field = OptionCheck.Positive(value, "learning rate", nameof(LearningRate)); }
        = OptionCheck.Positive(LearningRate, "learning rate", nameof(LearningRate));

    /// <inheritdoc/>
    public double At(int step)
    {
        OptionCheck.NonNegative(step, "step", nameof(step));
        return LearningRate;
    }
}
