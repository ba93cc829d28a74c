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
/// read by all ranges. The ranges run as parts of one <see cref="GemmWorkers"/> job (persistent threads, nothing
/// allocated per call); GEMMs inside a range stay on its thread. Rows compute the same operations whatever the split,
/// so outputs and gradients do not depend on the thread count; only the step gradient norms are summed per range.
/// </remarks>
internal sealed class RecurrentTimeLoop<T> : IGemmJob where T : unmanaged, IFloatingPointIeee754<T>
{
    // Fewest rows worth a thread: below it the per-step products are mostly edge tiles.
    private const int MinRowsPerPart = 8;

    private readonly RecurrentCell<T> _cell;
    private RecurrentWorkspace<T>? _ws;
    private Memory<T> _dy;               // (T, B, H) in the layer's order, backward only
    private int? _k2;
    private bool _backward, _record;
    private bool _dhInDy;                // dh_s builds up in dy_s (see Backward)
    private int _parts;
    private double[] _sumsOfSquares = []; // (P, T) Σ dh² of each range and step

    public RecurrentTimeLoop(RecurrentCell<T> cell) => _cell = cell;

    /// <summary>Row ranges for <paramref name="batch"/> rows on up to <paramref name="threads"/> threads.</summary>
    internal static int PartsFor(int batch, int threads) =>
        Math.Max(1, Math.Min(threads, batch / MinRowsPerPart));

    /// <summary>
    /// [r0, r1) of range <paramref name="part"/>: the rows shared as evenly as can be (50 on two threads: 25 and 25).
    /// The per-step products read a range's rows in place and cut them into even slivers (25 = five tiles of 5 rows),
    /// so ranges need not be whole 6-row slivers; cut that way, 50 rows went 24/26 and one thread waited on the other
    /// at the end of every pass.
    /// </summary>
    internal static (int Start, int End) RowRange(int batch, int parts, int part) => GemmWorkers.Share(batch, parts, part);

    /// <summary>Steps 0 … T − 1 from the states in slot 0 of Hs (and Cs) and the projections in the cache's gate columns.</summary>
    public void Forward(RecurrentWorkspace<T> ws)
    {
        _cell.PackRecurrentWeights(backward: false);
        try
        {
            Run(ws, backward: false);
        }
        finally
        {
            _cell.ReleasePackedRecurrentWeights();
        }
    }

    /// <summary>
    /// Steps T − 1 … 0 from dy and the final-state gradient in DhNext (and DcNext); leaves ∂C/∂(initial state) in
    /// DhNext (and DcNext), dxp and dhp of every step over its cache, and, when <paramref name="record"/>, ‖dh_s‖ in
    /// StepGradientNorms.
    /// </summary>
    /// <param name="mayOverwriteDy">
    /// Whether dy's storage may be written. Then, when every row runs all T steps with no horizon and the cell adds its
    /// dh_{t−1} onto dhPrev (<see cref="RecurrentCell{T}.AddsIntoDhPrev"/>), step s's recurrent product adds straight
    /// onto dy_{s−1}, which becomes dh_{s−1} = dy_{s−1} + dh_{s−1}' with no pass of its own (the same single rounding
    /// as the separate addition, fma(p, 1, dy), while the product has one depth block); dy is left holding dh.
    /// </param>
    public void Backward(RecurrentWorkspace<T> ws, Memory<T> dy, bool mayOverwriteDy, int? k2, bool record)
    {
        (_dy, _k2, _record) = (dy, k2, record);
        _dhInDy = mayOverwriteDy && ws.AllFull && k2 is null && _cell.AddsIntoDhPrev;
        _cell.PackRecurrentWeights(backward: true);
        try
        {
            Run(ws, backward: true);
        }
        finally
        {
            _cell.ReleasePackedRecurrentWeights();
            _dy = default;
        }
        int steps = ws.Steps;
        if (steps % 2 == 1) // every range swapped its next/prev rows once per step: the last gradients lie in Prev
        {
            if (!_dhInDy) (ws.DhNext, ws.DhPrev) = (ws.DhPrev, ws.DhNext); // else dh_0 went to DhNext itself
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

    private void Run(RecurrentWorkspace<T> ws, bool backward)
    {
        _ws = ws;
        _backward = backward;
        _parts = PartsFor(ws.Batch, Gemm.MaxThreads);
        if (backward && _record && _sumsOfSquares.Length != _parts * ws.Steps) _sumsOfSquares = new double[_parts * ws.Steps];
        try
        {
            GemmWorkers.Run(this, _parts);
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
        int steps = ws.Steps, batch = ws.Batch, rows = r1 - r0, hs = _cell.HiddenSize, gh = _cell.GateWidth, k = _cell.CacheWidth;
        int bh = batch * hs, n = rows * hs;
        bool hasC = _cell.HasCellState;
        Span<T> hsAll = ws.Hs, csAll = ws.Cs;
        var scratch = ws.Scratch.Length == 0 ? default : ws.Scratch.AsSpan(r0 * gh, rows * gh);
        var caches = ws.StepCaches.Span; // h_1 … h_T themselves when the cell's cache is its state
        for (int s = 0; s < steps; s++)
        {
            int prev = s * bh + r0 * hs, next = prev + bh; // rows r0… of h_s and of h_{s+1}
            var hNew = hsAll.Slice(next, n);
            var cNew = hasC ? csAll.Slice(next, n) : default;
            var cache = caches.Slice((s * batch + r0) * k, rows * k); // holds xp_s on entry
            _cell.Forward(hNew, cNew, cache, scratch, cache, hsAll.Slice(prev, n), hasC ? csAll.Slice(prev, n) : default, rows);
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

    private void BackwardRows(int part, int r0, int r1)
    {
        var ws = _ws!;
        int steps = ws.Steps, batch = ws.Batch, rows = r1 - r0, hs = _cell.HiddenSize, gh = _cell.GateWidth, k = _cell.CacheWidth;
        int bh = batch * hs, n = rows * hs, at = r0 * hs;
        bool hasC = _cell.HasCellState;
        int? k2 = _k2;
        Span<T> dy = _dy.Span;
        ReadOnlySpan<T> hsAll = ws.Hs, csAll = ws.Cs;
        bool dhInDy = _dhInDy;
        // A cell with no cell state that sums dh itself (the Elman cell's float tanh), with nothing to mask, cut or record.
        bool dhInParts = !dhInDy && !hasC && ws.AllFull && k2 is null && !_record && _cell.SumsDh;
        Span<T> dh = ws.Dh.AsSpan(at, n), dcMasked = hasC ? ws.Dc.AsSpan(at, n) : default;
        Span<T> dhNext = ws.DhNext.AsSpan(at, n), dhPrev = ws.DhPrev.AsSpan(at, n);
        Span<T> dcNext = hasC ? ws.DcNext.AsSpan(at, n) : default, dcPrev = hasC ? ws.DcPrev.AsSpan(at, n) : default;
        var scratch = ws.Scratch.Length == 0 ? default : ws.Scratch.AsSpan(r0 * gh, rows * gh);
        ReadOnlySpan<T> caches = ws.StepCaches.Span;
        var gradients = ws.GateGradients.Span; // the caches themselves, unless the cell's cache is its state
        if (dhInDy) // dh_{T−1} = dy_{T−1} + the final-state gradient; earlier steps' dh build up in dy (see Backward)
            TensorPrimitives.Add(dy.Slice((steps - 1) * bh + at, n), dhNext, dy.Slice((steps - 1) * bh + at, n));
        for (int s = steps - 1; s >= 0; s--)
        {
            ReadOnlySpan<T> dc = dcNext;
            if (dhInDy)
            {
                BackwardStepInDy(part, s, r0, rows, dy, dcNext, dcPrev, dhNext, scratch, caches, gradients, hsAll, csAll);
                var spent = dcNext; dcNext = dcPrev; dcPrev = spent;
                continue;
            }
            int state = s * bh + at; // rows r0… of h_s (= h_{t−1} of this step)
            int step = (s * batch + r0) * k;
            if (dhInParts) // the cell adds dy and dh_next in its own element-wise pass
            {
                _cell.BackwardSummingDh(gradients.Slice(step, rows * k), dhPrev, dy.Slice(s * bh + at, n), dhNext,
                    caches.Slice(step, rows * k), rows);
                var swapped = dhNext; dhNext = dhPrev; dhPrev = swapped;
                continue;
            }
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
            var cache = caches.Slice(step, rows * k);
            var dxp = gradients.Slice(step, rows * k); // dxp (and dhp), usually written over the step's own cache
            _cell.Backward(dxp, dxp, dhPrev, dcPrev, scratch, dh, dc, cache, hsAll.Slice(state, n),
                hasC ? csAll.Slice(state, n) : default, hasC ? csAll.Slice(state + bh, n) : default, rows);
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

    /// <summary>
    /// One backward step with dh_s already in dy_s: the cell reads it there and adds dh_{s−1}' onto dy_{s−1}, or, at the
    /// first step, writes ∂C/∂h_0 into <paramref name="dh0"/> (DhNext's rows).
    /// </summary>
    private void BackwardStepInDy(int part, int s, int r0, int rows, Span<T> dy, ReadOnlySpan<T> dc, Span<T> dcPrev,
        Span<T> dh0, Span<T> scratch, ReadOnlySpan<T> caches, Span<T> gradients, ReadOnlySpan<T> hsAll, ReadOnlySpan<T> csAll)
    {
        var ws = _ws!;
        int batch = ws.Batch, hs = _cell.HiddenSize, k = _cell.CacheWidth, bh = batch * hs, n = rows * hs, at = r0 * hs;
        bool hasC = _cell.HasCellState;
        var dh = dy.Slice(s * bh + at, n);
        if (_record) _sumsOfSquares[part * ws.Steps + s] = double.CreateChecked(TensorPrimitives.SumOfSquares<T>(dh));
        int state = s * bh + at, step = (s * batch + r0) * k;
        var cache = caches.Slice(step, rows * k);
        var dxp = gradients.Slice(step, rows * k);
        ReadOnlySpan<T> hPrev = hsAll.Slice(state, n), cPrev = hasC ? csAll.Slice(state, n) : default, c = hasC ? csAll.Slice(state + bh, n) : default;
        if (s > 0) _cell.BackwardAdding(dxp, dxp, dy.Slice((s - 1) * bh + at, n), dcPrev, scratch, dh, dc, cache, hPrev, cPrev, c, rows);
        else _cell.Backward(dxp, dxp, dh0, dcPrev, scratch, dh, dc, cache, hPrev, cPrev, c, rows);
    }
}
