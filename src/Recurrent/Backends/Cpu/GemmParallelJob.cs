namespace Recurrent.Backends.Cpu;

/// <summary>
/// Splits C into a grid of rectangles, one per thread, each run by <see cref="GemmDriver{T, TKernel}"/> with its
/// own packing. Splitting C rather than sharing packed panels needs no barriers; the price is that threads in one
/// grid row pack the same A rows (and threads in one grid column the same B columns), which the grid keeps small
/// by choosing the split with the shortest rectangle perimeter.
/// </summary>
/// <remarks>
/// Weight-gradient products (dW = dzᵀ·x over all T·B rows: Aᵀ, K in the thousands, C small) are split along their depth
/// instead: each half of K runs on its own threads over the whole of C, the second half into a scratch C added at the
/// end. Split by columns, every thread packed all of A (a large share of such a product's time; docs/benchmarks.md);
/// split by depth, each packs half of A and half of B. The split depends on the shape alone,
/// one thread runs both halves, so the bits do not depend on the thread count, though they differ from an unsplit
/// product's (the two halves are summed apart, then added).
/// </remarks>
internal sealed unsafe class GemmParallelJob<T, TKernel> : IParallelJob
    where T : unmanaged, IFloatingPointIeee754<T> where TKernel : IGemmMicroKernel<T>
{
    // One job per calling thread, reused: concurrent GEMMs on different threads never share one.
    [ThreadStatic] private static GemmParallelJob<T, TKernel>? current;

    // Depth splits: K of at least this, C of at most this many values (the scratch; 64 KB for the RNN 2×128's dW).
    private const int MinSplitDepth = 2048, MaxSplitValues = 1 << 14;

    // deeperHalf: the second half of K of a depth split (C = scratch), else default
    private GemmOperands<T> operands, deeperHalf;
    private int rowParts, colParts, rowSlivers, colSlivers;
    private T[] scratch = [];

    /// <summary>Whether <paramref name="op"/> is split along its depth (see the remarks): by shape alone.</summary>
    internal static bool SplitsDepth(in GemmOperands<T> op) =>
        op.PackedB is null && !op.DepthHalf && op.RowBias == null && SplitsDepth(op.TransA, op.M, op.N, op.K);

    /// <summary>The shapes <see cref="SplitsDepth(in GemmOperands{T})"/> splits, B not packed beforehand.</summary>
    internal static bool SplitsDepth(bool transA, int m, int n, int k) =>
        transA && k >= MinSplitDepth && (long)m * n <= MaxSplitValues;

    /// <summary>Runs <paramref name="op"/> over <paramref name="threads"/> threads (1 runs inline).</summary>
    public static void Run(in GemmOperands<T> op, int threads)
    {
        if (SplitsDepth(op))
        {
            RunSplitDepth(op, threads);
            return;
        }
        if (threads <= 1)
        {
            GemmDriver<T, TKernel>.Run(op, 0, op.M, 0, op.N);
            return;
        }
        var job = current ??= new GemmParallelJob<T, TKernel>();
        job.operands = op;
        job.rowSlivers = (op.M + TKernel.Mr - 1) / TKernel.Mr;
        job.colSlivers = (op.N + TKernel.Nr - 1) / TKernel.Nr;
        (job.rowParts, job.colParts) = ChooseGrid(threads, job.rowSlivers, job.colSlivers, op.M, op.N);
        WorkerPool.Run(job, job.rowParts * job.colParts);
        job.operands = default;
    }

    /// <summary>
    /// C = (β·C + α·A₁B₁) + α·A₂B₂ with K cut in two halves, each over a grid of half the threads (one thread: one
    /// after the other); the second half goes to scratch, added to C once both are done.
    /// </summary>
    private static void RunSplitDepth(in GemmOperands<T> op, int threads)
    {
        var job = current ??= new GemmParallelJob<T, TKernel>();
        int half = op.K / 2, m = op.M, n = op.N;
        // pinned: read through a pointer
        if (job.scratch.Length < m * n) job.scratch = LongLivedArray.Allocate<T>(m * n);
        fixed (T* s = job.scratch)
        {
            T* a2 = op.TransA ? op.A + half * op.Lda : op.A + half;
            T* b2 = op.TransB ? op.B + half : op.B + half * op.Ldb;
            job.operands =
                new GemmOperands<T>(op.TransA, op.TransB, m, n, half, op.Alpha, op.A, (int)op.Lda, op.B, (int)op.Ldb,
                op.Beta, op.C, (int)op.Ldc, depthHalf: true);
            job.deeperHalf =
                new GemmOperands<T>(op.TransA, op.TransB, m, n, op.K - half, op.Alpha, a2, (int)op.Lda, b2, (int)op.Ldb,
                T.Zero, s, n, depthHalf: true);
            job.rowSlivers = (m + TKernel.Mr - 1) / TKernel.Mr;
            job.colSlivers = (n + TKernel.Nr - 1) / TKernel.Nr;
            (job.rowParts, job.colParts) = ChooseGrid(Math.Max(1, threads / 2), job.rowSlivers, job.colSlivers, m, n);
            try
            {
                int parts = 2 * job.rowParts * job.colParts;
                if (threads <= 1)
                    for (int part = 0; part < parts; part++) job.Execute(part);
                else
                    WorkerPool.Run(job, parts);
            }
            finally
            {
                job.operands = job.deeperHalf = default;
            }
            for (int i = 0; i < m; i++)
            {
                var row = new Span<T>(op.C + i * op.Ldc, n);
                TensorPrimitives.Add(row, new ReadOnlySpan<T>(s + i * n, n), row);
            }
        }
    }

    /// <summary>
    /// The rows × columns grid of parts, as many as <paramref name="threads"/> allows (fewer when C has too few
    /// slivers to share), whose rectangles have the shortest perimeter; ties go to splitting columns, which measured
    /// faster than splitting rows (docs/benchmarks.md).
    /// </summary>
    internal static (int Rows, int Cols) ChooseGrid(int threads, int rowSlivers, int colSlivers, int m, int n)
    {
        for (int parts = threads; parts > 1; parts--)
        {
            (int Rows, int Cols) best = (0, 0);
            double bestCost = double.MaxValue;
            for (int rows = 1; rows <= parts; rows++)
            {
                if (parts % rows != 0) continue;
                int cols = parts / rows;
                if (rows > rowSlivers || cols > colSlivers) continue;
                double cost = (double)m / rows + (double)n / cols;
                if (cost < bestCost) (best, bestCost) = ((rows, cols), cost);
            }
            if (best.Rows > 0) return best;
        }
        return (1, 1);
    }

    public void Execute(int part)
    {
        int grid = rowParts * colParts;
        // a depth split's parts [grid, 2·grid): the second half of K
        bool deeper = deeperHalf.C != null && part >= grid;
        if (deeper) part -= grid;
        int r = part / colParts, c = part % colParts;
        int rowStart = Math.Min(operands.M, Split(rowSlivers, rowParts, r) * TKernel.Mr);
        int rowEnd = Math.Min(operands.M, Split(rowSlivers, rowParts, r + 1) * TKernel.Mr);
        int colStart = Math.Min(operands.N, Split(colSlivers, colParts, c) * TKernel.Nr);
        int colEnd = Math.Min(operands.N, Split(colSlivers, colParts, c + 1) * TKernel.Nr);
        GemmDriver<T, TKernel>.Run(deeper ? deeperHalf : operands, rowStart, rowEnd, colStart, colEnd);
    }

    // Slivers before part `index` when `total` slivers are shared as evenly as possible among `parts`.
    private static int Split(int total, int parts, int index) => (int)((long)total * index / parts);
}
