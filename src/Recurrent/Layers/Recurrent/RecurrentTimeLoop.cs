using Recurrent.Backends.Cpu;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// The time loop of one <see cref="RecurrentLayer{T}"/>, forward and backward, run over contiguous ranges of batch rows
/// at once: the rows of a batch are independent sequences (row b at step s reads only row b at step s − 1), so each
/// range runs every step on its own thread with no barrier between steps, calling the cell with batch = its rows on
/// row slices of the (B, ·) step blocks. The per-step products are too small to split well (an LSTM 2×128 step is
/// 50×128×512, 6.5 MFLOP), while a range keeps its thread busy for the whole pass, gates included.
/// Glossary: T steps, B batch, H hidden size, GH gate width, K cache width, P parts (row ranges), [r0, r1) a range;
/// dy = ∂C/∂y, dh = ∂C/∂h, dc = ∂C/∂c, k2 backward horizon.
/// </summary>
/// <remarks>
/// Every buffer is row-major (B, width) per step, so rows [r0, r1) of step s are the slice at (s·B + r0)·width, and
/// ranges write disjoint memory. W_hh is packed once per pass (<see cref="RecurrentCell{T}.PackRecurrentWeights"/>) and
/// read by all ranges. The ranges run as parts of one <see cref="WorkerPool"/> job (persistent threads, nothing
/// allocated per call); GEMMs inside a range stay on its thread. Rows compute the same operations whatever the split,
/// so outputs and gradients do not depend on the thread count; only the step gradient norms are summed per range.
/// </remarks>
internal sealed class RecurrentTimeLoop<T> : IParallelJob where T : unmanaged, IFloatingPointIeee754<T>
{
    // Fewest rows worth a thread: below it the per-step products are mostly edge tiles.
    private const int MinRowsPerPart = 8;

    private readonly RecurrentCell<T> _cell;
    private RecurrentWorkspace<T>? _ws;
    private Memory<T> _dy;               // (T, B, H) in the layer's order, backward only
    private int? _k2;
    private bool _backward, _record;
    private int _parts;
    private double[] _sumsOfSquares = []; // (P, T) Σ dh² of each range and step

    public RecurrentTimeLoop(RecurrentCell<T> cell) => _cell = cell;

    /// <summary>Where each pass packs W_hh: the loop's own set, or one shared by the layers of a stack.</summary>
    public RecurrentWeightPacks<T> Packs { get; set; } = new();

    /// <summary>Row ranges for <paramref name="batch"/> rows on up to <paramref name="threads"/> threads.</summary>
    internal static int PartsFor(int batch, int threads) =>
        Math.Max(1, Math.Min(threads, batch / MinRowsPerPart));

    /// <summary>
    /// [r0, r1) of range <paramref name="part"/>: the rows shared as evenly as can be (50 on two threads: 25 and 25).
    /// The per-step products read a range's rows in place and cut them into even slivers, so ranges need not be whole
    /// 6-row slivers; cut that way, one thread would wait on the other at the end of every pass.
    /// </summary>
    internal static (int Start, int End) RowRange(int batch, int parts, int part) => WorkerPool.Share(batch, parts,
        part);

    /// <summary>Steps 0 … T − 1 from the states in slot 0 of Hs (and Cs) and the projections in the cache's gate
    /// columns.</summary>
    public void Forward(RecurrentWorkspace<T> ws) => Run(ws, backward: false);

    /// <summary>
    /// Steps T − 1 … 0 from dy and the final-state gradient in DhNext (and DcNext); leaves ∂C/∂(initial state) in
    /// DhNext (and DcNext), the gradients of every step in GateGradients, and, when <paramref name="record"/>, ‖dh_s‖
    /// in StepGradientNorms.
    /// </summary>
    public void Backward(RecurrentWorkspace<T> ws, Memory<T> dy, int? k2, bool record)
    {
        (_dy, _k2, _record) = (dy, k2, record);
        try
        {
            Run(ws, backward: true);
        }
        finally
        {
            _dy = default;
        }
        int steps = ws.Steps;
        if (steps % 2 == 1) // every range swapped its next/prev rows once per step: the last gradients lie in Prev
        {
            (ws.DhNext, ws.DhPrev) = (ws.DhPrev, ws.DhNext);
            (ws.DcNext, ws.DcPrev) = (ws.DcPrev, ws.DcNext);
        }
        if (!record) return;
        for (int s = 0; s < steps; s++)
        {
            double sum = 0;
            for (int part = 0; part < _parts; part++) sum += _sumsOfSquares[part * steps + s];
            ws.StepGradientNorms[s] = Math.Sqrt(sum);
        }
    }

    /// <summary>Packs W_hh for the pass (W_hh must not change until it ends), then runs every row range.</summary>
    private void Run(RecurrentWorkspace<T> ws, bool backward)
    {
        _ws = ws;
        _backward = backward;
        _parts = PartsFor(ws.Batch, WorkerPool.MaxThreads);
        if (backward && _record && _sumsOfSquares.Length != _parts * ws.Steps) _sumsOfSquares = new double[_parts
            * ws.Steps];
        _cell.PackRecurrentWeights(Packs, backward);
        try
        {
            WorkerPool.Run(this, _parts);
        }
        finally
        {
            _ws = null;
        }
    }

    /// <summary>Runs the whole pass over one row range.</summary>
    public void Execute(int part)
    {
        var (r0, r1) = RowRange(_ws!.Batch, _parts, part);
        if (r1 <= r0) return;
        if (_backward) BackwardRows(part, r0, r1);
        else ForwardRows(r0, r1);
    }

    private void ForwardRows(int r0, int r1)
    {
        var ws = _ws!;
        int steps = ws.Steps, batch = ws.Batch, rows = r1 - r0, hs = _cell.HiddenSize, k = _cell.CacheWidth;
        int bh = batch * hs, n = rows * hs, sw = _cell.ScratchWidth;
        bool hasC = _cell.HasCellState;
        Span<T> hsAll = ws.Hs, csAll = ws.Cs;
        var scratch = ws.Scratch.AsSpan(r0 * sw, rows * sw);
        var caches = ws.StepCaches.Span; // h_1 … h_T themselves when the cell's cache is its state
        for (int s = 0; s < steps; s++)
        {
            int prev = s * bh + r0 * hs, next = prev + bh; // rows r0… of h_s and of h_{s+1}
            var hNew = hsAll.Slice(next, n);
            var cNew = hasC ? csAll.Slice(next, n) : default;
            _cell.Forward(new RecurrentStep<T>
            {
                Batch = rows, Cache = caches.Slice((s * batch + r0) * k, rows * k), H = hNew, C = cNew,
                HPrev = hsAll.Slice(prev, n), CPrev = hasC ? csAll.Slice(prev, n) : default, Scratch = scratch,
                    Packs = Packs,
            });
            if (ws.AllFull) continue;
            for (int b = r0; b < r1; b++) // padded rows carry the state unchanged
                if (s >= ws.Lengths[b])
                {
                    int row = (b - r0) * hs;
                    hsAll.Slice(prev + row, hs).CopyTo(hNew.Slice(row, hs));
                    if (hasC) csAll.Slice(prev + row, hs).CopyTo(cNew.Slice(row, hs));
                }
        }
    }

    /// <summary>
    /// Per step s, from the last: dh_s = dy_s + dh_next, masked at padded rows; the cell's backward step; then the
    /// gradient leaving the step is carried through padding or cut beyond the horizon k2.
    /// </summary>
    private void BackwardRows(int part, int r0, int r1)
    {
        var ws = _ws!;
        int steps = ws.Steps, batch = ws.Batch, rows = r1 - r0, hs = _cell.HiddenSize, k = _cell.CacheWidth;
        int bh = batch * hs, n = rows * hs, at = r0 * hs, sw = _cell.ScratchWidth;
        bool hasC = _cell.HasCellState;
        int? k2 = _k2;
        ReadOnlySpan<T> dy = _dy.Span;
        Span<T> hsAll = ws.Hs, csAll = ws.Cs;
        Span<T> dh = ws.Dh.AsSpan(at, n), dcMasked = hasC ? ws.Dc.AsSpan(at, n) : default;
        Span<T> dhNext = ws.DhNext.AsSpan(at, n), dhPrev = ws.DhPrev.AsSpan(at, n);
        Span<T> dcNext = hasC ? ws.DcNext.AsSpan(at, n) : default, dcPrev = hasC ? ws.DcPrev.AsSpan(at, n) : default;
        var scratch = ws.Scratch.AsSpan(r0 * sw, rows * sw);
        var caches = ws.StepCaches.Span;
        var gradients = ws.GateGradients.Span; // the caches themselves, unless the cell's cache is its state
        for (int s = steps - 1; s >= 0; s--)
        {
            ReadOnlySpan<T> dc = dcNext;
            TensorPrimitives.Add(dy.Slice(s * bh + at, n), dhNext, dh);
            if (!ws.AllFull)
            {
                dcNext.CopyTo(dcMasked);
                dc = dcMasked;
                for (int b = r0; b < r1; b++) // padded rows: nothing enters the cell
                    if (s >= ws.Lengths[b])
                    {
                        dh.Slice((b - r0) * hs, hs).Clear();
                        if (hasC) dcMasked.Slice((b - r0) * hs, hs).Clear();
                    }
            }
            if (_record) _sumsOfSquares[part * steps + s] = double.CreateChecked(TensorPrimitives.SumOfSquares<T>(dh));
            int state = s * bh + at, step = (s * batch + r0) * k; // rows r0… of h_s (= h_{t−1} of this step)
            _cell.Backward(new RecurrentStep<T>
            {
                Batch = rows, Cache = caches.Slice(step, rows * k), Gradients = gradients.Slice(step, rows * k),
                HPrev = hsAll.Slice(state, n), CPrev = hasC ? csAll.Slice(state, n) : default,
                C = hasC ? csAll.Slice(state + bh, n) : default, Dh = dh, Dc = dc, DhPrev = dhPrev, DcPrev = dcPrev,
                Scratch = scratch, Packs = Packs,
            });
            if (!ws.AllFull || k2 is not null)
                for (int b = r0; b < r1; b++)
                {
                    int length = ws.Lengths[b], row = (b - r0) * hs;
                    if (s >= length) // carried through padding
                    {
                        dhNext.Slice(row, hs).CopyTo(dhPrev.Slice(row, hs));
                        if (hasC) dcNext.Slice(row, hs).CopyTo(dcPrev.Slice(row, hs));
                    }
                    else if (k2 is int horizon && s < length - horizon) // cut beyond the horizon
                    {
                        dhPrev.Slice(row, hs).Clear();
                        if (hasC) dcPrev.Slice(row, hs).Clear();
                    }
                }
            var swap = dhNext; dhNext = dhPrev; dhPrev = swap;
            swap = dcNext; dcNext = dcPrev; dcPrev = swap;
        }
    }
}
