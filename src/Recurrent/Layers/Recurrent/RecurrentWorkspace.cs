namespace Recurrent.Layers.Recurrent;

/// <summary>
/// Every buffer one <see cref="RecurrentLayer{T}"/> needs for sequences of T steps and B rows, allocated together once
/// per shape so that forward and backward passes allocate nothing while the shape stays the same.
/// Glossary: T steps, B batch, I input size, H hidden size, GH gate width, K cache width; xp input projections,
/// dxp/dhp their gradients and the recurrent product's; dh, dc gradients reaching h and c.
/// </summary>
/// <remarks>
/// xp, dxp and dhp have no buffers of their own: they are the gate columns of <see cref="Cache"/> (leading dimension
/// K), which hold xp before a forward step, the step's cache after it and dxp (and dhp) after the backward step
/// (<see cref="RecurrentCell{T}"/>'s remarks). What a training step keeps per row is then h, c and the cache. A cell
/// whose cache is h_t itself (the Elman RNN) has no cache: xp is projected into h_1 … h_T, each step runs in place
/// there, and its backward steps write dxp into <see cref="GateGradients"/>, a (T, B, H) block that is the output
/// gradient's own storage when the caller allows it, so that such a layer keeps h alone.
/// </remarks>
internal sealed class RecurrentWorkspace<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public RecurrentWorkspace(RecurrentCell<T> cell, int steps, int batch, bool reverse)
    {
        int h = cell.HiddenSize, gh = cell.GateWidth, rows = steps * batch;
        bool hasC = cell.HasCellState;
        Steps = steps;
        Batch = batch;
        Lengths = LongLivedArray.Allocate<int>(batch);
        Mask = LongLivedArray.Tensor<T>(steps, batch);
        ReversedInput = reverse ? LongLivedArray.Allocate<T>(rows * cell.InputSize) : [];
        ReversedOutputGradient = reverse ? LongLivedArray.Allocate<T>(rows * h) : [];
        ReversedInputGradient = reverse ? LongLivedArray.Allocate<T>(rows * cell.InputSize) : [];
        Hs = LongLivedArray.Allocate<T>((steps + 1) * batch * h);
        Cs = hasC ? LongLivedArray.Allocate<T>((steps + 1) * batch * h) : [];
        StateIsCache = cell.StateIsCache;
        Cache = StateIsCache ? [] : LongLivedArray.Allocate<T>(rows * cell.CacheWidth);
        Scratch = LongLivedArray.Allocate<T>(batch * cell.ScratchWidth);
        Projection = new InputProjection<T>(gh);
        HsOutput = new Tensor<T>(Hs, batch * h, steps, batch, h);
        Dh = LongLivedArray.Allocate<T>(batch * h);
        Dc = hasC ? LongLivedArray.Allocate<T>(batch * h) : [];
        DhNext = LongLivedArray.Allocate<T>(batch * h);
        DcNext = hasC ? LongLivedArray.Allocate<T>(batch * h) : [];
        DhPrev = LongLivedArray.Allocate<T>(batch * h);
        DcPrev = hasC ? LongLivedArray.Allocate<T>(batch * h) : [];
        _inputSize = cell.InputSize;
        StepGradientNorms = LongLivedArray.Allocate<double>(steps);
        FinalState = RecurrentState<T>.LongLived(batch, h, hasC);
        InitialStateGradient = RecurrentState<T>.LongLived(batch, h, hasC);
    }

    private readonly int _inputSize;
    private Tensor<T>? _output, _inputGradient, _inputGradientOverStates;
    private T[]? _ownGateGradients;

    public int Steps { get; }
    public int Batch { get; }
    public int[] Lengths { get; }            // (B) real steps of each row
    public bool AllFull { get; set; }        // every length equals T: no masking work
    public Tensor<T> Mask { get; }           // (T, B) 1 for real steps, 0 for padding
    public T[] ReversedInput { get; }        // (T, B, I) x in the layer's order, reverse layers only
    public T[] ReversedOutputGradient { get; } // (T, B, H) dy in the layer's order, reverse layers only
    public T[] ReversedInputGradient { get; }  // (T, B, I) dx in the layer's order, reverse layers only
    public T[] Hs { get; }                   // (T + 1, B, H) h_0 … h_T; step s reads slot s, writes slot s + 1
    public T[] Cs { get; }                   // (T + 1, B, H) c_0 … c_T, LSTM only
    // (T, B, K); xp, then the cache, then dxp (= dhp) in the first GH columns; empty when StateIsCache
    public T[] Cache { get; }
    // the cell's cache is h_t (RecurrentCell.StateIsCache): no Cache, steps run in h's storage
    public bool StateIsCache { get; }

    /// <summary>(T, B, K) where xp is projected and the forward steps keep their caches: <see cref="Cache"/>, or h_1 …
    /// h_T in <see cref="Hs"/> when the cell's cache is its state.</summary>
    public Memory<T> StepCaches => StateIsCache ? Hs.AsMemory(Batch * HsOutput.Dim(2)) : Cache;

    /// <summary>(T, B, K) where the backward steps write dxp (= dhp): the spent caches, or for a cell whose cache is
    /// its state a (T, B, H) block of its own, set for each Backward (the output gradient's storage when the caller
    /// lets it be overwritten, <see cref="BufferReuse.OutputGradient"/>, else <see
    /// cref="OwnGateGradients"/>).</summary>
    public Memory<T> GateGradients { get; set; }

    /// <summary>The layer's own (T, B, H) block for <see cref="GateGradients"/> when the cell's cache is its state and
    /// the output gradient may not be overwritten; made on first use.</summary>
    public Memory<T> OwnGateGradients => _ownGateGradients ??= LongLivedArray.Allocate<T>(Steps * Batch
        * HsOutput.Dim(2));
    public T[] Scratch { get; }              // (B, ScratchWidth), empty for a cell that uses none
    public InputProjection<T> Projection { get; } // Forward's projection of x, and what it found, for Backward
    public Tensor<T> HsOutput { get; }       // (T, B, H) view of h_1 … h_T in Hs: y of a forward layer over full rows
    // (T, B, H) y when it differs from h
    public Tensor<T> Output => _output ??= new Tensor<T>(Steps, Batch, HsOutput.Dim(2));
    public T[] Dh { get; }                   // (B, H) total ∂C/∂h_s fed to the cell
    public T[] Dc { get; }                   // (B, H) ∂C/∂c_s fed to the cell, masked runs only
    public T[] DhNext { get; set; }          // (B, H) ∂C/∂h_s arriving from step s + 1
    public T[] DcNext { get; set; }          // (B, H)
    public T[] DhPrev { get; set; }          // (B, H) ∂C/∂h_{s−1} leaving step s
    public T[] DcPrev { get; set; }          // (B, H)
    // (T, B, I) dx, made on first use
    public Tensor<T> InputGradient => _inputGradient ??= new Tensor<T>(Steps, Batch, _inputSize);

    /// <summary>
    /// dx (T, B, I) in the front of <see cref="Hs"/> when I ≤ H (else <see cref="InputGradient"/>): dx is written after
    /// the last read of h (the weight gradients' GEMMs) and h is not read again before the next Forward rewrites it,
    /// but the y a forward layer returned is a view of h, so only a caller that allows <see cref="BufferReuse.Output"/>
    /// gets it.
    /// </summary>
    public Tensor<T> InputGradientOverStates => _inputGradientOverStates ??=
        _inputSize <= HsOutput.Dim(2) ? new Tensor<T>(Hs, 0, Steps, Batch, _inputSize) : InputGradient;
    public double[] StepGradientNorms { get; } // (T)
    public RecurrentState<T> FinalState { get; }
    public RecurrentState<T> InitialStateGradient { get; }

    /// <summary>
    /// dst[t, b] = src[L_b − 1 − t, b] for t &lt; L_b and 0 after: reverses each row of a (T, B, W) sequence within its
    /// own length. Its own inverse on the real steps.
    /// </summary>
    public static void ReverseWithinLengths(Span<T> dst, ReadOnlySpan<T> src, ReadOnlySpan<int> lengths, int steps,
        int width)
    {
        int batch = lengths.Length;
        for (int t = 0; t < steps; t++)
            for (int b = 0; b < batch; b++)
            {
                var to = dst.Slice((t * batch + b) * width, width);
                if (t < lengths[b]) src.Slice(((lengths[b] - 1 - t) * batch + b) * width, width).CopyTo(to);
                else to.Clear();
            }
    }
}
