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
public sealed class AdamW<T> : AdamFamily<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer; throws when an option is out of range.</summary>
    public AdamW(AdamWOptions options)
        : base((options ?? throw new ArgumentNullException(nameof(options))).LearningRate, options.Beta1, options.Beta2,
            options.Epsilon, options.WeightDecay)
        => Options = options;

    /// <summary>The options this optimizer was created with (its learning rate is the initial one).</summary>
    public AdamWOptions Options { get; }

    /// <inheritdoc/>
    protected override void UpdateChunk(Span<T> values, ReadOnlySpan<T> gradients, int offset)
    {
        if (Options.WeightDecay != 0)
            // θ(1 − γλ), as PyTorch writes it
            TensorPrimitives.Multiply(values, Scalar(1 - LearningRate * Options.WeightDecay), values);
        Span<T> work = stackalloc T[values.Length];
        ApplyMoments(values, gradients, offset, work);
    }
}
