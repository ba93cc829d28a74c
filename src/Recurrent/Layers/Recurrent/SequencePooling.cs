using Recurrent.Parameters;
using Recurrent.Sequences;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// Reduces a stack's outputs y (T, B, W) to one row per sequence, p (B, W), over the valid steps t &lt; L_b only
/// (docs/equations.md#pooling):
/// <code>
/// Last:  p_b = y[L_b − 1, b]      (two directions: the forward half at L_b − 1, the reverse half at t = 0)
/// Mean:  p_b = (1/L_b) Σ_{t&lt;L_b} y[t, b]
/// Max:   p_bj = max_{t&lt;L_b} y[t, b, j]
/// Attention: s_tb = y[t, b] · q,  α_tb = softmax_{t&lt;L_b}(s_tb),  p_b = Σ_{t&lt;L_b} α_tb y[t, b]
/// </code>
/// Backward sends ∂C/∂p_b back to the steps it came from: all of it to the one step (Last, and Max at its argmax, the
/// first on ties), or 1/L_b of it to each valid step (Mean); nothing reaches padded steps. A sequence of length 0
/// pools to zeros and receives no gradient. Attention also learns its query q (W), see the partial file
/// SequencePooling.Attention.cs for its backward pass.
/// Glossary: T steps, B sequences, W width, L_b length of sequence b, R the reverse half's width (0 or W/2),
/// q the attention query, α the attention weights.
/// </summary>
/// <remarks>
/// A reverse direction reads each sequence from its end, so its output at t = 0 is its final state; taking the last
/// valid step of the concatenated output would give the reverse half after one step only. Returned tensors are
/// workspaces, valid until the next call; buffers are kept per (T, B), so repeated calls allocate nothing.
/// </remarks>
public sealed partial class SequencePooling<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _pooled, _gradient;  // (B, W) and (T, B, W)
    private int[] _lengths = [], _argMax = []; // (B) and (B·W) step of each max
    private int _steps;

    /// <summary>
    /// A pooling of <paramref name="kind"/>. Attention declares "{prefix}query" (W) in <paramref name="parameters"/>,
    /// initialised as PyTorch initialises a layer with W inputs, U(−1/√W, +1/√W); the other kinds declare nothing and
    /// need no parameter set.
    /// </summary>
    /// <param name="kind">Last, Mean, Max or Attention.</param>
    /// <param name="width">W.</param>
    /// <param name="reverseWidth">R: the last R columns come from a reverse direction (bidirectional), else 0; only
    /// Last reads the halves differently (Attention reads whole rows).</param>
    /// <param name="parameters">The model's parameter set, not yet sealed; required for Attention.</param>
    /// <param name="prefix">Name prefix of the query (default "pool.").</param>
    public SequencePooling(PoolingKind kind, int width, int reverseWidth = 0, ParameterSet<T>? parameters = null,
        string prefix = "pool.")
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown pooling");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (reverseWidth < 0 || reverseWidth > width)
            throw new ArgumentOutOfRangeException(nameof(reverseWidth), reverseWidth, $"expected 0 … {width}");
        ArgumentNullException.ThrowIfNull(prefix);
        (Kind, Width, ReverseWidth) = (kind, width, reverseWidth);
        if (kind != PoolingKind.Attention) return;
        if (parameters is null)
            throw new ArgumentException("attention pooling learns a query q (W): expected the parameter set that " +
                "holds it, got null", nameof(parameters));
        Query = parameters.Add(prefix + "query", [width], new PyTorchDefaultInitializer(width));
    }

    /// <summary>Last, Mean, Max or Attention.</summary>
    public PoolingKind Kind { get; }

    /// <summary>q (W), the learned query of attention pooling; null for the other kinds.</summary>
    public Parameter<T>? Query { get; }

    /// <summary>
    /// α (T, B) of the last Forward for attention pooling: each sequence's weights over its valid steps (they sum to
    /// 1; 0 at padded steps, and everywhere for a sequence of length 0); null for the other kinds or before the first
    /// Forward. A workspace, overwritten by the next Forward.
    /// </summary>
    public Tensor<T>? AttentionWeights => _weights;

    /// <summary>W.</summary>
    public int Width { get; }

    /// <summary>R, the columns that come from a reverse direction.</summary>
    public int ReverseWidth { get; }

    /// <summary>p (B, W) from y (T, B, W) and the lengths (empty: every sequence has T steps).</summary>
    public Tensor<T> Forward(Tensor<T> input, ReadOnlySpan<int> lengths = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 3 || input.Dim(2) != Width)
            throw new ShapeMismatchException(
                $"pooling input: expected (T, B, W) with W = {Width}, got {ShapeText.Format(input.Shape)}");
        int steps = input.Dim(0), batch = input.Dim(1), w = Width, forward = Width - ReverseWidth;
        Buffers(steps, batch);
        SetLengths(lengths, steps, batch);
        ReadOnlySpan<T> y = input.Span;
        var p = _pooled!.Span;
        p.Clear();
        if (Kind == PoolingKind.Attention)
        {
            _input = input;
            AttentionForward(y, p, batch);
            return _pooled;
        }
        for (int b = 0; b < batch; b++)
        {
            int length = _lengths[b];
            if (length == 0) continue;
            var row = p.Slice(b * w, w);
            switch (Kind)
            {
                case PoolingKind.Last:
                    y.Slice(((length - 1) * batch + b) * w, forward).CopyTo(row);
                    y.Slice(b * w + forward, ReverseWidth).CopyTo(row[forward..]);
                    break;
                case PoolingKind.Mean:
                    for (int t = 0; t < length; t++) TensorPrimitives.Add(row, y.Slice((t * batch + b) * w, w), row);
                    TensorPrimitives.Divide(row, T.CreateChecked(length), row);
                    break;
                default:
                    var arg = _argMax.AsSpan(b * w, w);
                    y.Slice(b * w, w).CopyTo(row);
                    arg.Clear();
                    for (int t = 1; t < length; t++)
                    {
                        var step = y.Slice((t * batch + b) * w, w);
                        for (int j = 0; j < w; j++)
                            if (step[j] > row[j]) (row[j], arg[j]) = (step[j], t);
                    }
                    break;
            }
        }
        return _pooled;
    }

    /// <summary>∂C/∂y (T, B, W) from ∂C/∂p (B, W) (class summary); zero wherever nothing was pooled.</summary>
    public Tensor<T> Backward(Tensor<T> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_pooled is null) throw new InvalidOperationException("Backward called before Forward");
        int steps = _steps, batch = _pooled.Dim(0), w = Width, forward = Width - ReverseWidth;
        ShapeCheck.Require(outputGradient, "pooling output gradient", "(B, W)", batch, w);
        ReadOnlySpan<T> dp = outputGradient.Span;
        var dy = _gradient!.Span;
        dy.Clear();
        if (Kind == PoolingKind.Attention)
        {
            AttentionBackward(dp, dy, batch);
            return _gradient;
        }
        for (int b = 0; b < batch; b++)
        {
            int length = _lengths[b];
            if (length == 0) continue;
            var row = dp.Slice(b * w, w);
            switch (Kind)
            {
                case PoolingKind.Last:
                    row[..forward].CopyTo(dy.Slice(((length - 1) * batch + b) * w, forward));
                    row[forward..].CopyTo(dy.Slice(b * w + forward, ReverseWidth));
                    break;
                case PoolingKind.Mean:
                    T share = T.One / T.CreateChecked(length);
                    for (int t = 0; t < length; t++)
                        TensorPrimitives.Multiply(row, share, dy.Slice((t * batch + b) * w, w));
                    break;
                default:
                    var arg = _argMax.AsSpan(b * w, w);
                    for (int j = 0; j < w; j++) dy[(arg[j] * batch + b) * w + j] = row[j];
                    break;
            }
        }
        return _gradient;
    }

    private void Buffers(int steps, int batch)
    {
        if (_pooled is not null && _steps == steps && _pooled.Dim(0) == batch) return;
        _steps = steps;
        _pooled = new Tensor<T>(batch, Width);
        _gradient = new Tensor<T>(steps, batch, Width);
        _lengths = new int[batch];
        _argMax = Kind == PoolingKind.Max ? new int[batch * Width] : [];
        if (Kind == PoolingKind.Attention) (_weights, _scratch) = (new Tensor<T>(steps, batch), new T[steps]);
    }

    private void SetLengths(ReadOnlySpan<int> lengths, int steps, int batch)
    {
        if (!lengths.IsEmpty && lengths.Length != batch)
            throw new ShapeMismatchException($"lengths: expected (B) = ({batch}), got ({lengths.Length})");
        for (int b = 0; b < batch; b++)
        {
            int length = lengths.IsEmpty ? steps : lengths[b];
            if (length < 0 || length > steps)
                throw new ArgumentOutOfRangeException(nameof(lengths),
                    $"lengths[{b}] = {length} is outside [0, T = {steps}]");
            _lengths[b] = length;
        }
    }
}
