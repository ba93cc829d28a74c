namespace Recurrent.Optimizers;

/// <summary>
/// Adam with L2 weight decay added to the gradient, exactly as torch.optim.Adam (amsgrad off). m and v start
/// at zero; at step t:
/// <code>
/// g ← gₜ + λθ              (if λ ≠ 0)
/// m ← β₁m + (1 − β₁)g
/// v ← β₂v + (1 − β₂)g²
/// m̂ ← m / (1 − β₁ᵗ);  v̂ ← v / (1 − β₂ᵗ)
/// θ ← θ − γ m̂ / (√v̂ + ε)
/// </code>
/// </summary>
public sealed class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _firstMoment = [];  // m
    private T[] _secondMoment = []; // v

    /// <summary>Creates the optimizer; throws when an option is out of range.</summary>
    public Adam(AdamOptions options) : base((options ?? throw new ArgumentNullException(nameof(options))).LearningRate)
    {
        OptionCheck.UnitInterval(options.Beta1, "beta1", nameof(options.Beta1));
        OptionCheck.UnitInterval(options.Beta2, "beta2", nameof(options.Beta2));
        OptionCheck.NonNegative(options.Epsilon, "epsilon", nameof(options.Epsilon));
        OptionCheck.NonNegative(options.WeightDecay, "weight decay", nameof(options.WeightDecay));
        Options = options;
    }

    /// <summary>The options this optimizer was created with (its learning rate is the initial one).</summary>
    public AdamOptions Options { get; }

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
        Span<T> decayed = stackalloc T[n];
        Span<T> work = stackalloc T[n];
        scoped ReadOnlySpan<T> g = gradients;
        if (Options.WeightDecay != 0)
        {
            TensorPrimitives.MultiplyAdd(values, Scalar(Options.WeightDecay), gradients, decayed); // g + λθ
            g = decayed;
        }

        AdamUpdate.Apply(values, g, _firstMoment.AsSpan(offset, n), _secondMoment.AsSpan(offset, n), work,
            LearningRate, Options.Beta1, Options.Beta2, Options.Epsilon, StepCount);
    }
}
