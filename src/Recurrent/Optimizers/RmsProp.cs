using System.Runtime.InteropServices;
using Recurrent.Backends.Cpu;

namespace Recurrent.Optimizers;

/// <summary>
/// RMSprop, exactly as torch.optim.RMSprop. v, ḡ and b start at zero; at step t:
/// <code>
/// g ← gₜ + λθ                         (if λ ≠ 0)
/// v ← αv + (1 − α)g²
/// ṽ ← v
/// ḡ ← αḡ + (1 − α)g;  ṽ ← ṽ − ḡ²       (if centered)
/// b ← μb + g / (√ṽ + ε);  θ ← θ − γb   (if μ &gt; 0)
/// θ ← θ − γ g / (√ṽ + ε)                (otherwise)
/// </code>
/// </summary>
public sealed class RmsProp<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _squareAverage = [];   // v
    private T[] _gradientAverage = []; // ḡ, only when centered
    private T[] _momentum = [];        // b, only when μ > 0
    private RmsPropKernel? _kernel;    // the fused float update (plain RMSprop)

    /// <summary>Creates the optimizer; throws when an option is out of range.</summary>
    public RmsProp(RmsPropOptions options) : base((options
        ?? throw new ArgumentNullException(nameof(options))).LearningRate)
    {
        OptionCheck.UnitInterval(options.Alpha, "alpha", nameof(options.Alpha));
        OptionCheck.NonNegative(options.Epsilon, "epsilon", nameof(options.Epsilon));
        OptionCheck.NonNegative(options.WeightDecay, "weight decay", nameof(options.WeightDecay));
        OptionCheck.NonNegative(options.Momentum, "momentum", nameof(options.Momentum));
        Options = options;
    }

    /// <summary>The options this optimizer was created with (its learning rate is the initial one).</summary>
    public RmsPropOptions Options { get; }

    /// <summary>Plain RMSprop on floats takes the fused update (<see cref="RmsPropKernel"/>, the same bits); false
    /// forces the span-by-span chunks, its twin in the tests.</summary>
    internal bool UseFusedUpdate { get; init; } = true;

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, T[] Vector)> StateVectors()
    {
        yield return ("square_avg", _squareAverage);
        if (Options.Centered) yield return ("grad_avg", _gradientAverage);
        if (Options.Momentum > 0) yield return ("momentum_buffer", _momentum);
    }

    /// <inheritdoc/>
    protected override void AllocateState(int count)
    {
        _squareAverage = new T[count];
        if (Options.Centered) _gradientAverage = new T[count];
        if (Options.Momentum > 0) _momentum = new T[count];
    }

    /// <inheritdoc/>
    protected override bool TryUpdateAll(Span<T> values, ReadOnlySpan<T> gradients)
    {
        if (!UseFusedUpdate || typeof(T) != typeof(float) || Options.WeightDecay != 0 || Options.Centered
            || Options.Momentum > 0) return false;
        _kernel ??= new RmsPropKernel();
        _kernel.Update(MemoryMarshal.Cast<T, float>(values), MemoryMarshal.Cast<T, float>(gradients),
            MemoryMarshal.Cast<T, float>(_squareAverage.AsSpan()),
            (float)Options.Alpha, (float)(1 - Options.Alpha), (float)Options.Epsilon, (float)-LearningRate);
        return true;
    }

    /// <inheritdoc/>
    protected override void UpdateChunk(Span<T> values, ReadOnlySpan<T> gradients, int offset)
    {
        int n = values.Length;
        Span<T> work = stackalloc T[n];
        Span<T> denominator = stackalloc T[n];
        scoped ReadOnlySpan<T> g = gradients;
        if (Options.WeightDecay != 0)
        {
            TensorPrimitives.MultiplyAdd(values, Scalar(Options.WeightDecay), gradients, work); // g + λθ
            g = work;
        }

        T alpha = Scalar(Options.Alpha);
        T oneMinusAlpha = Scalar(1 - Options.Alpha);
        var v = _squareAverage.AsSpan(offset, n);
        TensorPrimitives.Multiply(g, g, denominator);
        TensorPrimitives.Multiply(v, alpha, v);
        TensorPrimitives.MultiplyAdd(denominator, oneMinusAlpha, v, v); // αv + (1 − α)g²

        if (Options.Centered)
        {
            var mean = _gradientAverage.AsSpan(offset, n);
            TensorPrimitives.Multiply(mean, alpha, mean);
            TensorPrimitives.MultiplyAdd(g, oneMinusAlpha, mean, mean); // αḡ + (1 − α)g
            TensorPrimitives.Multiply(mean, mean, denominator);
            TensorPrimitives.Subtract(v, denominator, denominator);      // v − ḡ²
            TensorPrimitives.Sqrt(denominator, denominator);
        }
        else
        {
            TensorPrimitives.Sqrt(v, denominator);
        }

        TensorPrimitives.Add(denominator, Scalar(Options.Epsilon), denominator); // √ṽ + ε
        TensorPrimitives.Divide(g, denominator, denominator);                    // g / (√ṽ + ε)
        T minusRate = Scalar(-LearningRate);
        if (Options.Momentum > 0)
        {
            var b = _momentum.AsSpan(offset, n);
            TensorPrimitives.MultiplyAdd(b, Scalar(Options.Momentum), denominator, b); // μb + g / (√ṽ + ε)
            TensorPrimitives.MultiplyAdd(b, minusRate, values, values);
        }
        else
        {
            TensorPrimitives.MultiplyAdd(denominator, minusRate, values, values);
        }
    }
}
