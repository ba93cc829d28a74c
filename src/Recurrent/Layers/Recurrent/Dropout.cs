using Recurrent.Tensors;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// Inverted dropout, as torch.nn.Dropout: in training y = m ⊙ x with m_i = 0 with probability p, else 1/(1 − p), drawn
/// per element from the caller's seeded <see cref="Random"/> (one NextDouble per element, in row-major order, m_i = 0
/// when the draw is &lt; p); out of training y = x. Backward: dx = m ⊙ dy.
/// </summary>
/// <remarks>
/// <see cref="ReuseMask"/> makes Forward keep the last mask instead of drawing a new one: a gradient check then sees
/// one fixed function on both sides of every finite difference. Returned tensors are workspaces valid until the next
/// call; out of training Forward returns its input and Backward its argument.
/// </remarks>
public sealed class Dropout<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Random _rng;
    private Tensor<T>? _mask, _output, _inputGradient; // m, y, dx: the shape of the last input
    private bool _applied;

    /// <param name="probability">p in [0, 1): the chance that an element is dropped.</param>
    /// <param name="rng">The seeded source of every mask.</param>
    public Dropout(double probability, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(probability >= 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability),
                $"dropout probability must be in [0, 1), got {probability}");
        Probability = probability;
        _rng = rng;
    }

    /// <summary>p.</summary>
    public double Probability { get; }

    /// <summary>True (default) applies the mask; false makes the layer the identity (evaluation).</summary>
    public bool Training { get; set; } = true;

    /// <summary>When true, Forward reuses the last mask (it must have the input's shape) rather than drawing; for
    /// gradient checks.</summary>
    public bool ReuseMask { get; set; }

    /// <summary>The last mask m (0 or 1/(1 − p)), or null before the first training Forward.</summary>
    public Tensor<T>? Mask => _mask;

    /// <summary>y = m ⊙ x in training with p &gt; 0, else x itself.</summary>
    /// <param name="input">x, any shape.</param>
    public Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _applied = Training && Probability > 0;
        if (!_applied) return input;
        bool fits = _mask is not null && SameShape(_mask, input);
        if (ReuseMask && _mask is not null && !fits)
            throw new ShapeMismatchException($"dropout: the mask to reuse is {ShapeText.Format(_mask.Shape)}, got " +
                $"input {ShapeText.Format(input.Shape)}");
        if (!fits)
        {
            _mask = new Tensor<T>(input.Shape);
            _output = new Tensor<T>(input.Shape);
            _inputGradient = new Tensor<T>(input.Shape);
        }
        if (!ReuseMask || !fits) Draw(_mask!.Span);
        TensorPrimitives.Multiply(input.Span, _mask!.Span, _output!.Span);
        return _output;
    }

    /// <summary>dx = m ⊙ dy for the last Forward (dy itself when no mask was applied).</summary>
    /// <param name="outputGradient">dy, the shape of the last input.</param>
    public Tensor<T> Backward(Tensor<T> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!_applied) return outputGradient;
        if (!SameShape(outputGradient, _mask!))
            throw new ShapeMismatchException($"output gradient: expected the input's shape " +
                $"{ShapeText.Format(_mask!.Shape)}, got {ShapeText.Format(outputGradient.Shape)}");
        TensorPrimitives.Multiply(outputGradient.Span, _mask!.Span, _inputGradient!.Span);
        return _inputGradient;
    }

    private static bool SameShape(Tensor<T> a, Tensor<T> b)
    {
        if (a.Rank != b.Rank) return false;
        for (int i = 0; i < a.Rank; i++) if (a.Dim(i) != b.Dim(i)) return false;
        return true;
    }

    private void Draw(Span<T> mask)
    {
        T keep = T.CreateChecked(1 / (1 - Probability));
        for (int i = 0; i < mask.Length; i++) mask[i] = _rng.NextDouble() < Probability ? T.Zero : keep;
    }
}
