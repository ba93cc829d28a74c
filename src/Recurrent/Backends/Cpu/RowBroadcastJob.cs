namespace Recurrent.Backends.Cpu;

/// <summary>
/// m[r·ld + j] = row[j] for every r &lt; rows, j &lt; row.Length: the bias written into every row of a dense input
/// projection before its GEMM adds x·W_ihᵀ (β = 1). Over all T·B rows that is a 5 MB write for an LSTM 2×128 layer,
/// which ran on the caller alone (0.9 % of a training step's samples, with the worker waiting); large blocks are split
/// by rows over the GEMM workers. A copy, so every split gives the same values. One job per thread and T.
/// </summary>
internal sealed unsafe class RowBroadcastJob<T> : IGemmJob where T : unmanaged
{
    // Values a part must get before a second thread pays for its wake-up.
    private const int MinValuesPerPart = 1 << 16;

    [ThreadStatic] private static RowBroadcastJob<T>? current;

    private T* _m, _row;
    private int _rows, _ld, _width, _parts;

    /// <summary>Writes <paramref name="row"/> into the first row.Length values of each of <paramref name="rows"/> rows of m (leading dimension ld).</summary>
    /// <exception cref="ArgumentException">ld is shorter than the row, or m too short for the rows.</exception>
    public static void Fill(Span<T> m, int ld, ReadOnlySpan<T> row, int rows)
    {
        int width = row.Length;
        if (ld < width) throw new ArgumentException($"row broadcast: leading dimension {ld} is shorter than the row ({width})");
        if (rows < 0 || rows > 0 && m.Length < (long)(rows - 1) * ld + width)
            throw new ArgumentException($"row broadcast: {rows} rows of {width} with leading dimension {ld} need {(long)Math.Max(0, rows - 1) * ld + width} values, got {m.Length}");
        if (rows == 0 || width == 0) return;
        int parts = GemmWorkers.PartsFor((long)rows * width, MinValuesPerPart, rows);
        fixed (T* pm = m)
        fixed (T* pr = row)
        {
            var job = current ??= new RowBroadcastJob<T>();
            job._m = pm;
            job._row = pr;
            (job._rows, job._ld, job._width, job._parts) = (rows, ld, width, parts);
            try
            {
                GemmWorkers.Run(job, parts);
            }
            finally
            {
                job._m = job._row = null;
            }
        }
    }

    public void Execute(int part)
    {
        var (r0, r1) = GemmWorkers.Share(_rows, _parts, part);
        var row = new ReadOnlySpan<T>(_row, _width);
        for (int r = r0; r < r1; r++) row.CopyTo(new Span<T>(_m + (nint)r * _ld, _width));
    }
}
