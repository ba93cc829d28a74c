using System.Runtime.Intrinsics;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// Bias gradients: sums[j] += Σ_r m[r, j] over a row-major (rows, columns) block, for one or two (sums, m) pairs in one
/// pass over the rows (an LSTM's db_ih and db_hh read the same dxp, which was read twice before). Each column sums its
/// rows in order, so the result is the same bits as <see cref="AddReference"/>, the simple twin. One thread: the pass
/// is bound by memory (a (T·B, GH) = (2500, 512) block is 5 MB), and measured, a second thread only added its wake-up.
/// Glossary: m the block, ld its leading dimension, sums (columns) the accumulators.
/// </summary>
public static class ColumnSums
{
    /// <summary>sums[j] += Σ_r m[r·ld + j] for j &lt; sums.Length.</summary>
    public static void Add<T>(Span<T> sums, ReadOnlySpan<T> m, int rows, int ld) where T : unmanaged, INumber<T> =>
        Add(sums, m, default, default, rows, ld);

    /// <summary>
    /// sums1[j] += Σ_r m1[r·ld + j] and, when <paramref name="sums2"/> is not empty, sums2[j] += Σ_r m2[r·ld + j], both
    /// blocks with the same shape and leading dimension (<paramref name="m2"/> may be <paramref name="m1"/>).
    /// </summary>
    public static unsafe void Add<T>(Span<T> sums1, ReadOnlySpan<T> m1, Span<T> sums2, ReadOnlySpan<T> m2, int rows, int ld)
        where T : unmanaged, INumber<T>
    {
        int columns = sums1.Length;
        bool two = !sums2.IsEmpty;
        Check(columns, m1.Length, rows, ld, "m1");
        if (two)
        {
            if (sums2.Length != columns) throw new ArgumentException($"column sums: sums2 has {sums2.Length} columns, sums1 {columns}");
            Check(columns, m2.Length, rows, ld, "m2");
        }
        if (rows == 0 || columns == 0) return;
        fixed (T* s1 = sums1)
        fixed (T* p1 = m1)
        fixed (T* s2 = sums2)
        fixed (T* p2 = m2)
            AddRange(s1, p1, two ? s2 : null, two ? p2 : null, rows, ld, 0, columns);
    }

    /// <summary>The same sums, one element at a time: the reference <see cref="Add{T}(Span{T}, ReadOnlySpan{T}, int, int)"/> is tested against.</summary>
    public static void AddReference<T>(Span<T> sums, ReadOnlySpan<T> m, int rows, int ld) where T : unmanaged, INumber<T>
    {
        Check(sums.Length, m.Length, rows, ld, "m");
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < sums.Length; j++) sums[j] += m[r * ld + j];
    }

    /// <summary>
    /// Adds rows [0, rows) of columns [c0, c1) of m1 into sums1 and, when sums2 is not null, of m2 into sums2, row by row
    /// in one pass (when m2 is m1 its second read hits L1), a vector at a time where T vectorises.
    /// </summary>
    private static unsafe void AddRange<T>(T* sums1, T* m1, T* sums2, T* m2, int rows, int ld, int c0, int c1)
        where T : unmanaged, INumber<T>
    {
        bool vectors = Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported;
        int width = Vector256<T>.Count;
        for (int r = 0; r < rows; r++)
        {
            long at = (long)r * ld;
            int j = c0;
            if (vectors)
                for (; j <= c1 - width; j += width)
                {
                    (Vector256.Load(sums1 + j) + Vector256.Load(m1 + at + j)).Store(sums1 + j);
                    if (sums2 is not null) (Vector256.Load(sums2 + j) + Vector256.Load(m2 + at + j)).Store(sums2 + j);
                }
            for (; j < c1; j++)
            {
                sums1[j] += m1[at + j];
                if (sums2 is not null) sums2[j] += m2[at + j];
            }
        }
    }

    private static void Check(int columns, int length, int rows, int ld, string name)
    {
        if (rows < 0 || ld < columns) throw new ArgumentException($"column sums: {rows} rows with leading dimension {ld} for {columns} columns");
        long needed = rows == 0 || columns == 0 ? 0 : (long)(rows - 1) * ld + columns;
        if (needed > length) throw new ArgumentException($"column sums: {name} is {rows}×{columns} with leading dimension {ld}, needing {needed} elements, but holds {length}");
    }
}
