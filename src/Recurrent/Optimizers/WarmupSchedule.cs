namespace Recurrent.Optimizers;

/// <summary>
/// Linear warm-up in front of another schedule. With W = WarmupSteps and η₀ = Inner.At(0):
/// <code>
/// η(t) = η₀ · (t + 1) / W        for t &lt; W       (η₀/W at the first step, η₀ at step W − 1)
/// η(t) = Inner.At(t − W)         for t ≥ W
/// </code>
/// </summary>
/// <remarks>
/// The inner schedule is offset: its clock starts when warm-up ends, so a <see cref="CosineSchedule"/> of
/// TotalSteps = N decays over the N steps after warm-up, and a run of W + N steps ends exactly at its minimum.
/// The last warm-up step and the first inner step therefore both use η₀. W = 0 is no warm-up at all.
/// </remarks>
/// <param name="WarmupSteps">W ≥ 0.</param>
/// <param name="Inner">The schedule after warm-up; its rate at its own step 0 is the warm-up target.</param>
public sealed record WarmupSchedule(int WarmupSteps, ILearningRateSchedule Inner) : ILearningRateSchedule
{
    // Validated on construction and on `with`, so an invalid schedule cannot exist.
    /// <summary>W.</summary>
    public int WarmupSteps { get; init =>
        field = OptionCheck.NonNegative(value, "warm-up steps", nameof(WarmupSteps)); }
        = OptionCheck.NonNegative(WarmupSteps, "warm-up steps", nameof(WarmupSteps));

    /// <summary>The schedule after warm-up.</summary>
    public ILearningRateSchedule Inner { get; init => field = value ?? throw new ArgumentNullException(nameof(Inner)); }
        = Inner ?? throw new ArgumentNullException(nameof(Inner));

    /// <inheritdoc/>
    public double At(int step)
    {
        OptionCheck.NonNegative(step, "step", nameof(step));
        if (step >= WarmupSteps) return Inner.At(step - WarmupSteps);
        return Inner.At(0) * (step + 1) / WarmupSteps;
    }
}
