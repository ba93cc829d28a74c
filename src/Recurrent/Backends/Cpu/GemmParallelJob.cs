namespace Recurrent.Backends.Cpu;

/// <summary>
/// Splits C into a grid of rectangles, one per thread, each run by <see cref="GemmDriver{T, TKernel}"/> with its
/// own packing. Splitting C rather than sharing packed panels needs no barriers; the price is that threads in one
/// grid row pack the same A rows (and threads in one grid column the same B columns), which the grid keeps small
/// by choosing the split with the shortest rectangle perimeter.
/// </summary>
internal sealed unsafe class GemmParallelJob<T, TKernel> : IGemmJob
    where T : unmanaged, IFloatingPointIeee754<T> where TKernel : IGemmMicroKernel<T>
{
    // One job per calling thread, reused: concurrent GEMMs on different threads never share one.
    [ThreadStatic] private static GemmParallelJob<T, TKernel>? current;

    private GemmOperands<T> operands;
    private int rowParts, colParts, rowSlivers, colSlivers;

    /// <summary>Runs <paramref name="op"/> over <paramref name="threads"/> threads (1 runs inline).</summary>
    public static void Run(in GemmOperands<T> op, int threads)
    {
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
        GemmWorkers.Run(job, job.rowParts * job.colParts);
        job.operands = default;
    }

    /// <summary>
    /// The rows × columns grid of parts, as many as <paramref name="threads"/> allows (fewer when C has too few
    /// slivers to share), whose rectangles have the shortest perimeter; ties go to splitting columns, which measured
    /// faster on 2 cores (256³: 168 against 156 GFLOP/s splitting rows).
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
        int r = part / colParts, c = part % colParts;
        int rowStart = Math.Min(operands.M, Split(rowSlivers, rowParts, r) * TKernel.Mr);
        int rowEnd = Math.Min(operands.M, Split(rowSlivers, rowParts, r + 1) * TKernel.Mr);
        int colStart = Math.Min(operands.N, Split(colSlivers, colParts, c) * TKernel.Nr);
        int colEnd = Math.Min(operands.N, Split(colSlivers, colParts, c + 1) * TKernel.Nr);
        GemmDriver<T, TKernel>.Run(operands, rowStart, rowEnd, colStart, colEnd);
    }

    // Slivers before part `index` when `total` slivers are shared as evenly as possible among `parts`.
    private static int Split(int total, int parts, int index) => (int)((long)total * index / parts);
}
