namespace Recurrent.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, exactly as
/// torch.optim.SGD. At step t, with gradient gₜ:
/// <code>
/// g ← gₜ + λθ                          (if λ ≠ 0)
/// b ← g                                (t = 1)
/// b ← μb + (1 − τ)g                    (t &gt; 1)       (if μ ≠ 0)
/// g ← g + μb  (Nesterov)   or   g ← b
/// θ ← θ − γg
/// </code>
/// </summary>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _momentum = []; // b, one per parameter; only when μ ≠ 0

    /// <summary>Creates the optimizer; throws when an option is out of range.</summary>
    public Sgd(SgdOptions options) : base((options ?? throw new ArgumentNullException(nameof(options))).LearningRate)
    {
        OptionCheck.NonNegative(options.Momentum, "momentum", nameof(options.Momentum));
        OptionCheck.NonNegative(options.Dampening, "dampening", nameof(options.Dampening));
        OptionCheck.NonNegative(options.WeightDecay, "weight decay", nameof(options.WeightDecay));
        if (options.Nesterov && (options.Momentum <= 0 || options.Dampening != 0))
            throw new ArgumentException(
                $"Nesterov momentum needs momentum > 0 and dampening = 0, got momentum " +
                    $"{OptionCheck.Text(options.Momentum)} and dampening {OptionCheck.Text(options.Dampening)}",
                nameof(options));
        Options = options;
    }

    /// <summary>The options this optimizer was created with (its learning rate is the initial one).</summary>
    public SgdOptions Options { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, T[] Vector)> StateVectors()
    {
        if (Options.Momentum != 0) yield return ("momentum_buffer", _momentum);
    }

    /// <inheritdoc/>
    protected override void AllocateState(int count)
    {
        if (Options.Momentum != 0) _momentum = new T[count];
    }

    /// <inheritdoc/>
    protected override void UpdateChunk(Span<T> values, ReadOnlySpan<T> gradients, int offset)
    {
        Span<T> work = stackalloc T[values.Length];
        scoped ReadOnlySpan<T> g = gradients;
        if (Options.WeightDecay != 0)
        {
            TensorPrimitives.MultiplyAdd(values, Scalar(Options.WeightDecay), gradients, work); // g + λθ
            g = work;
        }

        if (Options.Momentum != 0)
        {
            var b = _momentum.AsSpan(offset, values.Length);
            T mu = Scalar(Options.Momentum);
            if (StepCount == 1)
            {
                g.CopyTo(b); // PyTorch starts the buffer at the first gradient, undampened
            }
            else
            {
                TensorPrimitives.Multiply(b, mu, b);
                TensorPrimitives.MultiplyAdd(g, Scalar(1 - Options.Dampening), b, b); // μb + (1 − τ)g
            }

            if (Options.Nesterov)
            {
                TensorPrimitives.MultiplyAdd(b, mu, g, work); // g + μb (g may be work itself: same span, allowed)
                g = work;
            }
            else
            {
                g = b;
            }
        }

        TensorPrimitives.MultiplyAdd(g, Scalar(-LearningRate), values, values); // θ − γg
    }
}
