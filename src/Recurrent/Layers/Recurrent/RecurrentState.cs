namespace Recurrent.Layers.Recurrent;

/// <summary>
/// The state a recurrent layer carries between steps or chunks: h (B, H) and, for an LSTM, c (B, H).
/// Also used for gradients with respect to a state (∂C/∂h, ∂C/∂c). A plain value holder: layers copy from it and into
/// it, never keep a reference to one passed in.
/// </summary>
public sealed class RecurrentState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A zero state for <paramref name="batch"/> rows of <paramref name="hiddenSize"/>, with c when <paramref
    /// name="hasCellState"/>.</summary>
    public RecurrentState(int batch, int hiddenSize, bool hasCellState)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        H = new Tensor<T>(batch, hiddenSize);
        C = hasCellState ? new Tensor<T>(batch, hiddenSize) : null;
    }

    private RecurrentState(Tensor<T> h, Tensor<T>? c) => (H, C) = (h, c);

    /// <summary>A zero state over <see cref="LongLivedArray"/> storage, for the workspaces that keep one per
    /// shape.</summary>
    internal static RecurrentState<T> LongLived(int batch, int hiddenSize, bool hasCellState) =>
        new(LongLivedArray.Tensor<T>(batch, hiddenSize), hasCellState ? LongLivedArray.Tensor<T>(batch,
            hiddenSize) : null);

    /// <summary>h (B, H).</summary>
    public Tensor<T> H { get; }

    /// <summary>c (B, H) for an LSTM, null otherwise.</summary>
    public Tensor<T>? C { get; }

    /// <summary>B.</summary>
    public int BatchSize => H.Rows;

    /// <summary>H.</summary>
    public int HiddenSize => H.Dim(1);

    /// <summary>True when the state has c.</summary>
    public bool HasCellState => C is not null;

    /// <summary>Resets every row to zero (e.g. at the start of a new epoch of stateful training).</summary>
    public void Clear()
    {
        H.Clear();
        C?.Clear();
    }

    /// <summary>Resets row <paramref name="row"/> to zero (e.g. when that batch entry's stream starts a new
    /// document).</summary>
    public void ClearRow(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, BatchSize);
        H.Row(row).Clear();
        C?.Row(row).Clear();
    }

    /// <summary>Copies h and c from <paramref name="source"/>, which must have the same shape and kind.</summary>
    public void CopyFrom(RecurrentState<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Check(source, "source", BatchSize, HiddenSize, HasCellState);
        source.H.Span.CopyTo(H.Span);
        if (C is not null) source.C!.Span.CopyTo(C.Span);
    }

    /// <summary>A new state holding a copy of this one.</summary>
    public RecurrentState<T> Clone()
    {
        var copy = new RecurrentState<T>(BatchSize, HiddenSize, HasCellState);
        copy.CopyFrom(this);
        return copy;
    }

    /// <summary>Throws unless <paramref name="state"/> is (B, H) with c exactly when <paramref name="hasCellState"/>;
    /// does not allocate when it fits.</summary>
    internal static void Check(RecurrentState<T> state, string what, int batch, int hiddenSize, bool hasCellState)
    {
        if (state.H.Rank != 2 || state.H.Dim(0) != batch || state.H.Dim(1) != hiddenSize)
            throw new ShapeMismatchException($"{what}.H: expected (B, H) = ({batch}, {hiddenSize}), got " +
                $"{ShapeText.Format(state.H.Shape)}");
        if (state.HasCellState != hasCellState)
            throw new ArgumentException(hasCellState
                ? $"{what}: this cell carries a cell state c, but the state has none"
                : $"{what}: this cell has no cell state, but the state carries c");
        if (state.C is not null && (state.C.Rank != 2 || state.C.Dim(0) != batch || state.C.Dim(1) != hiddenSize))
            throw new ShapeMismatchException($"{what}.C: expected (B, H) = ({batch}, {hiddenSize}), got " +
                $"{ShapeText.Format(state.C.Shape)}");
    }
}
