namespace Recurrent.Backends.Cpu;

/// <summary>
/// One <see cref="ColumnSums"/> call as raw pointers, its columns split into contiguous ranges (multiples of 16), one
/// per part. Only valid while the caller keeps the spans pinned; one per calling thread, reused.
/// </summary>
internal sealed unsafe class ColumnSumsJob<T> : IGemmJob where T : unmanaged, INumber<T>
{
    [ThreadStatic] private static ColumnSumsJob<T>? current;

    private T* _sums1, _m1, _sums2, _m2;
    private int _rows, _columns, _ld, _parts;

    /// <summary>The calling thread's job.</summary>
    public static ColumnSumsJob<T> ForCurrentThread => current ??= new ColumnSumsJob<T>();

    public void Set(T* sums1, T* m1, T* sums2, T* m2, int rows, int columns, int ld, int parts)
    {
        _sums1 = sums1;
        _m1 = m1;
        _sums2 = sums2;
        _m2 = m2;
        (_rows, _columns, _ld, _parts) = (rows, columns, ld, parts);
    }

    public void Execute(int part)
    {
        int blocks = (_columns + 15) / 16;
        int c0 = Math.Min(_columns, (int)((long)blocks * part / _parts) * 16);
        int c1 = Math.Min(_columns, (int)((long)blocks * (part + 1) / _parts) * 16);
        if (c1 <= c0) return;
        ColumnSums.AddRange(_sums1, _m1, _sums2, _m2, _rows, _ld, c0, c1);
    }
}
