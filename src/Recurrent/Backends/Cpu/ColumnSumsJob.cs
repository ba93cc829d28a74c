namespace Recurrent.Backends.Cpu;

/// <summary>
/// <see cref="ColumnSums"/> over the GEMM workers: each part sums its own range of columns down every row, so the parts
/// write disjoint sums and each column keeps its serial order of additions. One per thread and T (the caller's
/// pointers live for one call only).
/// </summary>
internal sealed unsafe class ColumnSumsJob<T> : IParallelJob where T : unmanaged, INumber<T>
{
    [ThreadStatic] private static ColumnSumsJob<T>? current;

    private T* _sums1, _m1, _sums2, _m2;
    private int _rows, _ld, _columns, _parts;

    /// <summary>The calling thread's job.</summary>
    public static ColumnSumsJob<T> ForCurrentThread => current ??= new ColumnSumsJob<T>();

    /// <summary>sums1 += column sums of m1 (and sums2 of m2 when not null), on <paramref name="parts"/>
    /// threads.</summary>
    public void Run(T* sums1, T* m1, T* sums2, T* m2, int rows, int ld, int columns, int parts)
    {
        _sums1 = sums1;
        _m1 = m1;
        _sums2 = sums2;
        _m2 = m2;
        (_rows, _ld, _columns, _parts) = (rows, ld, columns, parts);
        try
        {
            WorkerPool.Run(this, parts);
        }
        finally
        {
            _sums1 = _m1 = _sums2 = _m2 = null;
        }
    }

    /// <summary>Columns <see cref="ColumnSums.PartRange"/> of part <paramref name="part"/>.</summary>
    public void Execute(int part)
    {
        var (c0, c1) = ColumnSums.PartRange(_columns, _parts, part);
        if (c1 > c0) ColumnSums.AddRange(_sums1, _m1, _sums2, _m2, _rows, _ld, c0, c1);
    }
}
