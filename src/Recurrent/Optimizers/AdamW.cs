namespace Recurrent.Optimizers;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov &amp; Hutter), exactly as torch.optim.AdamW (amsgrad off).
/// The decay shrinks θ directly and never enters the moments. m and v start at zero; at step t:
/// <code>
/// θ ← θ − γλθ
/// m ← β₁m + (1 − β₁)gₜ
/// v ← β₂v + (1 − β₂)gₜ²
/// m̂ ← m / (1 − β₁ᵗ);  v̂ ← v / (1 − β₂ᵗ)
/// θ ← θ − γ m̂ / (√v̂ + ε)
/// </code>
/// </summary>
public sealed class AdamW<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _firstMoment = [];  // m
    private T[] _secondMoment = []; // v

    /// <summary>Creates the optimizer; throws when an option is out of range.</summary>
    public AdamW(AdamWOptions options) : base((options ?? throw new ArgumentNullException(nameof(options))).LearningRate)
    {
        OptionCheck.UnitInterval(options.Beta1, "beta1", nameof(options.Beta1));
        OptionCheck.UnitInterval(options.Beta2, "beta2", nameof(options.Beta2));
        OptionCheck.NonNegative(options.Epsilon, "epsilon", nameof(options.Epsilon));
        OptionCheck.NonNegative(options.WeightDecay, "weight decay", nameof(options.WeightDecay));
        Options = options;
    }

    /// <summary>The options this optimizer was created with (its learning rate is the initial one).</summary>
    public AdamWOptions Options { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, T[] Vector)> StateVectors()
    {
        yield return ("exp_avg", _firstMoment);
        yield return ("exp_avg_sq", _secondMoment);
    }

    /// <inheritdoc/>
    protected override void AllocateState(int count)
    {
        _firstMoment = new T[count];
        _secondMoment = new T[count];
    }

    /// <inheritdoc/>
    protected override void UpdateChunk(Span<T> values, ReadOnlySpan<T> gradients, int offset)
    {
        int n = values.Length;
        if (Options.WeightDecay != 0)
            TensorPrimitives.Multiply(values, Scalar(1 - LearningRate * Options.WeightDecay), values); // θ(1 − γλ), as PyTorch writes it

        Span<T> work = stackalloc T[n];
        AdamUpdate.Apply(values, gradients, _firstMoment.AsSpan(offset, n), _secondMoment.AsSpan(offset, n), work,
            LearningRate, Options.Beta1, Options.Beta2, Options.Epsilon, StepCount);
    }
}
