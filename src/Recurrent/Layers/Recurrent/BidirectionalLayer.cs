namespace Recurrent.Layers.Recurrent;

/// <summary>
/// The bidirectional layer (docs/equations.md#bidirectional): one <see cref="RecurrentLayer{T}"/> forward in time (y→),
/// one backward in time within each sequence's own length (y←), both reading x (T, B, I), outputs combined per <see
/// cref="BidirectionalCombine"/>:
/// <code>
/// Concatenate: y = [y→, y←] (T, B, 2H)     Sum: y = y→ + y←     Average: y = ½ (y→ + y←)     (T, B, H)
/// dx = dx→ + dx←, where dx→ and dx← are each direction's ∂C/∂x from its share of dy.
/// </code>
/// Glossary: T steps, B batch, I input size, H hidden size; y output, dy = ∂C/∂y, dx = ∂C/∂x.
/// </summary>
/// <remarks>
/// Padding stays inert: both directions output 0 at padded steps, so y is 0 there. Returned tensors are workspaces
/// valid until the next call; each direction's final state and initial-state gradient are on its own layer.
/// </remarks>
public sealed class BidirectionalLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _output;        // y (T, B, 2H) or (T, B, H)
    private Tensor<T>? _forwardGrad;   // dy→ (T, B, H)
    private Tensor<T>? _reverseGrad;   // dy← (T, B, H)
    private Tensor<T>? _inputGradient; // dx (T, B, I)

    /// <param name="forward">The forward-in-time layer (its options' Reverse must be false).</param>
    /// <param name="reverse">The backward-in-time layer (Reverse true), with the same input and hidden sizes.</param>
    /// <param name="combine">How the two outputs meet.</param>
    public BidirectionalLayer(RecurrentLayer<T> forward, RecurrentLayer<T> reverse,
        BidirectionalCombine combine = BidirectionalCombine.Concatenate)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(reverse);
        if (forward.Options.Reverse || !reverse.Options.Reverse)
            throw new ArgumentException("a bidirectional layer needs a forward layer (Reverse = false) and a reverse " +
                "layer (Reverse = true)");
        if (forward.InputSize != reverse.InputSize || forward.HiddenSize != reverse.HiddenSize)
            throw new ArgumentException($"both directions need the same (I, H): forward has ({forward.InputSize}, " +
                $"{forward.HiddenSize}), reverse ({reverse.InputSize}, {reverse.HiddenSize})");
        if (!Enum.IsDefined(combine)) throw new ArgumentOutOfRangeException(nameof(combine), combine,
            "unknown combine mode");
        ForwardLayer = forward;
        ReverseLayer = reverse;
        Combine = combine;
    }

    /// <summary>y→'s layer.</summary>
    public RecurrentLayer<T> ForwardLayer { get; }

    /// <summary>y←'s layer.</summary>
    public RecurrentLayer<T> ReverseLayer { get; }

    /// <summary>How the outputs are combined.</summary>
    public BidirectionalCombine Combine { get; }

    /// <summary>I.</summary>
    public int InputSize => ForwardLayer.InputSize;

    /// <summary>H of each direction.</summary>
    public int HiddenSize => ForwardLayer.HiddenSize;

    /// <summary>The width of y: 2H when concatenating, H otherwise.</summary>
    public int OutputSize => Combine == BidirectionalCombine.Concatenate ? 2 * HiddenSize : HiddenSize;

    /// <summary>Runs both directions and combines them (class summary).</summary>
    /// <param name="input">x (T, B, I).</param>
    /// <param name="lengths">L_b (B), or empty for full rows.</param>
    /// <param name="initialForward">y→'s initial state (B, H), or null for zeros.</param>
    /// <param name="initialReverse">y←'s initial state (B, H), or null for zeros.</param>
    /// <returns>y (T, B, <see cref="OutputSize"/>), a workspace.</returns>
    public Tensor<T> Forward(Tensor<T> input, ReadOnlySpan<int> lengths = default,
        RecurrentState<T>? initialForward = null, RecurrentState<T>? initialReverse = null)
    {
        var yf = ForwardLayer.Forward(input, lengths, initialForward);
        var yr = ReverseLayer.Forward(input, lengths, initialReverse);
        int steps = input.Dim(0), batch = input.Dim(1), hs = HiddenSize, rows = steps * batch;
        if (_output is null || _output.Dim(0) != steps || _output.Dim(1) != batch)
        {
            _output = new Tensor<T>(steps, batch, OutputSize);
            _forwardGrad = new Tensor<T>(steps, batch, hs);
            _reverseGrad = new Tensor<T>(steps, batch, hs);
            _inputGradient = new Tensor<T>(steps, batch, InputSize);
        }
        ReadOnlySpan<T> f = yf.Span, r = yr.Span;
        var y = _output.Span;
        switch (Combine)
        {
            case BidirectionalCombine.Concatenate:
                for (int n = 0; n < rows; n++)
                {
                    f.Slice(n * hs, hs).CopyTo(y.Slice(2 * n * hs, hs));
                    r.Slice(n * hs, hs).CopyTo(y.Slice((2 * n + 1) * hs, hs));
                }
                break;
            case BidirectionalCombine.Sum:
                TensorPrimitives.Add(f, r, y);
                break;
            default:
                TensorPrimitives.Add(f, r, y);
                TensorPrimitives.Multiply(y, T.CreateChecked(0.5), y);
                break;
        }
        return _output;
    }

    /// <summary>Splits dy between the directions (class summary), runs both backward passes and returns dx = dx→ +
    /// dx←.</summary>
    /// <param name="outputGradient">dy (T, B, <see cref="OutputSize"/>).</param>
    /// <param name="finalForwardGradient">∂C/∂(y→'s final state), or null.</param>
    /// <param name="finalReverseGradient">∂C/∂(y←'s final state, after reading x[0]), or null.</param>
    /// <returns>dx (T, B, I), a workspace.</returns>
    public Tensor<T> Backward(Tensor<T> outputGradient, RecurrentState<T>? finalForwardGradient = null,
        RecurrentState<T>? finalReverseGradient = null)
    {
        SplitOutputGradient(outputGradient);
        // dy→, dy← and the halves' y are this layer's own copies, read by nothing after their Backward
        var dxf = ForwardLayer.Backward(_forwardGrad!, finalForwardGradient, BufferReuse.All);
        var dxr = ReverseLayer.Backward(_reverseGrad!, finalReverseGradient, BufferReuse.All);
        TensorPrimitives.Add(dxf.Span, dxr.Span, _inputGradient!.Span);
        return _inputGradient;
    }

    /// <summary><see cref="Backward"/> without dx (see <see
    /// cref="RecurrentLayer{T}.BackwardWithoutInputGradient"/>).</summary>
    public void BackwardWithoutInputGradient(Tensor<T> outputGradient, RecurrentState<T>? finalForwardGradient = null,
        RecurrentState<T>? finalReverseGradient = null)
    {
        SplitOutputGradient(outputGradient);
        ForwardLayer.BackwardWithoutInputGradient(_forwardGrad!, finalForwardGradient, BufferReuse.All);
        ReverseLayer.BackwardWithoutInputGradient(_reverseGrad!, finalReverseGradient, BufferReuse.All);
    }

    /// <summary>dy→ and dy← from dy, by the combine mode.</summary>
    private void SplitOutputGradient(Tensor<T> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_output is null) throw new InvalidOperationException("Backward called before Forward");
        int steps = _output.Dim(0), batch = _output.Dim(1), hs = HiddenSize, rows = steps * batch;
        if (outputGradient.Rank != 3 || outputGradient.Dim(0) != steps || outputGradient.Dim(1) != batch
            || outputGradient.Dim(2) != OutputSize)
            throw new ShapeMismatchException($"output gradient: expected (T, B, O) = ({steps}, {batch}, " +
                $"{OutputSize}), got {ShapeText.Format(outputGradient.Shape)}");
        ReadOnlySpan<T> dy = outputGradient.Span;
        Span<T> df = _forwardGrad!.Span, dr = _reverseGrad!.Span;
        switch (Combine)
        {
            case BidirectionalCombine.Concatenate:
                for (int n = 0; n < rows; n++)
                {
                    dy.Slice(2 * n * hs, hs).CopyTo(df.Slice(n * hs, hs));
                    dy.Slice((2 * n + 1) * hs, hs).CopyTo(dr.Slice(n * hs, hs));
                }
                break;
            case BidirectionalCombine.Sum:
                dy.CopyTo(df);
                dy.CopyTo(dr);
                break;
            default:
                TensorPrimitives.Multiply(dy, T.CreateChecked(0.5), df);
                df.CopyTo(dr);
                break;
        }
    }
}
