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
public sealed class Adam<T> : AdamFamily<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer; throws when an option is out of range.</summary>
    public Adam(AdamOptions options)
        : base((options ?? throw new ArgumentNullException(nameof(options))).LearningRate, options.Beta1, options.Beta2,
            options.Epsilon, options.WeightDecay)
        => Options = options;

    /// <summary>The options this optimizer was created with (its learning rate is the initial one).</summary>
    public AdamOptions Options { get; }

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
        ApplyMoments(values, g, offset, work);
    }
}
