namespace Recurrent.Optimizers;

/// <summary>
/// Adagrad, exactly as torch.optim.Adagrad. The sum s starts at the initial accumulator; at step t:
/// <code>
/// γ̃ ← γ / (1 + (t − 1)η)
/// g ← gₜ + λθ              (if λ ≠ 0)
/// s ← s + g²
/// θ ← θ − γ̃ g / (√s + ε)
/// </code>
/// </summary>
public sealed class Adagrad<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _sum = []; // s, one per parameter

    /// <summary>Creates the optimizer; throws when an option is out of range.</summary>
    public Adagrad(AdagradOptions options) : base((options
        ?? throw new ArgumentNullException(nameof(options))).LearningRate)
    {
        OptionCheck.NonNegative(options.LearningRateDecay, "learning rate decay", nameof(options.LearningRateDecay));
        OptionCheck.NonNegative(options.WeightDecay, "weight decay", nameof(options.WeightDecay));
        OptionCheck.NonNegative(options.InitialAccumulator, "initial accumulator", nameof(options.InitialAccumulator));
        OptionCheck.NonNegative(options.Epsilon, "epsilon", nameof(options.Epsilon));
        Options = options;
    }

    /// <summary>The options this optimizer was created with (its learning rate is the initial one).</summary>
    public AdagradOptions Options { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, T[] Vector)> StateVectors()
    {
        yield return ("sum", _sum);
    }

    /// <inheritdoc/>
    protected override void AllocateState(int count)
    {
        _sum = new T[count];
        _sum.AsSpan().Fill(Scalar(Options.InitialAccumulator));
    }

    /// <inheritdoc/>
    protected override void UpdateChunk(Span<T> values, ReadOnlySpan<T> gradients, int offset)
    {
        Span<T> work = stackalloc T[values.Length];
        Span<T> denominator = stackalloc T[values.Length];
        scoped ReadOnlySpan<T> g = gradients;
        if (Options.WeightDecay != 0)
        {
            TensorPrimitives.MultiplyAdd(values, Scalar(Options.WeightDecay), gradients, work); // g + λθ
            g = work;
        }

        var s = _sum.AsSpan(offset, values.Length);
        TensorPrimitives.MultiplyAdd(g, g, s, s);                     // s + g²
        TensorPrimitives.Sqrt(s, denominator);
        TensorPrimitives.Add(denominator, Scalar(Options.Epsilon), denominator); // √s + ε
        TensorPrimitives.Divide(g, denominator, denominator);          // g / (√s + ε)
        double decayedRate = LearningRate / (1 + (StepCount - 1) * Options.LearningRateDecay);
        TensorPrimitives.MultiplyAdd(denominator, Scalar(-decayedRate), values, values);
    }
}
