using System.Runtime.Intrinsics;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// Bias gradients: sums[j] += Σ_r m[r, j] over a row-major (rows, columns) block, for one or two (sums, m) pairs in one
/// pass over the rows (an LSTM's db_ih and db_hh read the same dxp, which was read twice before). Each column sums its
/// rows in order, so the result is the same bits as <see cref="AddReference"/>, the simple twin, for any split of the
/// columns among the GEMM workers (<see cref="ColumnSumsJob{T}"/>), which large blocks get.
/// Glossary: m the block, ld its leading dimension, sums (columns) the accumulators.
/// </summary>
internal static class ColumnSums
{
    // Rows summed between loads and stores of the accumulators: 64 rows of a 640-wide float block are 160 KB, in L2.
    private const int RowBlock = 64;

    // Columns are shared among threads in groups of four float vectors, when a part gets at least 64 K values.
    private const int PartColumns = 32, MinValuesPerPart = 1 << 16;

    /// <summary>sums[j] += Σ_r m[r·ld + j] for j &lt; sums.Length.</summary>
    public static void Add<T>(Span<T> sums, ReadOnlySpan<T> m, int rows, int ld) where T : unmanaged, INumber<T> =>
        Add(sums, m, default, default, rows, ld);

    /// <summary>
    /// sums1[j] += Σ_r m1[r·ld + j] and, when <paramref name="sums2"/> is not empty, sums2[j] += Σ_r m2[r·ld + j], both
    /// blocks with the same shape and leading dimension (<paramref name="m2"/> may be <paramref name="m1"/>).
    /// </summary>
    public static unsafe void Add<T>(Span<T> sums1, ReadOnlySpan<T> m1, Span<T> sums2, ReadOnlySpan<T> m2, int rows,
        int ld)
        where T : unmanaged, INumber<T>
    {
        int columns = sums1.Length;
        bool two = !sums2.IsEmpty;
        Check(columns, m1.Length, rows, ld, "m1");
        if (two)
        {
            if (sums2.Length != columns)
                throw new ArgumentException($"column sums: sums2 has {sums2.Length} columns, sums1 {columns}");
            Check(columns, m2.Length, rows, ld, "m2");
        }
        if (rows == 0 || columns == 0) return;
        fixed (T* s1 = sums1)
        fixed (T* p1 = m1)
        fixed (T* s2 = sums2)
        fixed (T* p2 = m2)
        {
            int parts = WorkerPool.PartsFor((long)rows * columns, MinValuesPerPart, columns / PartColumns);
            if (parts > 1)
                ColumnSumsJob<T>.ForCurrentThread.Run(s1, p1, two ? s2 : null, two ? p2
                : null, rows, ld, columns, parts);
            else AddRange(s1, p1, two ? s2 : null, two ? p2 : null, rows, ld, 0, columns);
        }
    }

    /// <summary>Columns [c0, c1) of part <paramref name="part"/>: whole groups of <see cref="PartColumns"/>, so each
    /// part keeps its four-vector blocks.</summary>
    internal static (int Start, int End) PartRange(int columns, int parts, int part) =>
        WorkerPool.Share(columns, parts, part, PartColumns);

    /// <summary>The same sums, one element at a time: the reference
    /// <see cref="Add{T}(Span{T}, ReadOnlySpan{T}, int, int)"/> is tested against.</summary>
    public static void AddReference<T>(Span<T> sums, ReadOnlySpan<T> m, int rows, int ld) where T : unmanaged,
        INumber<T>
    {
        Check(sums.Length, m.Length, rows, ld, "m");
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < sums.Length; j++) sums[j] += m[r * ld + j];
    }

    /// <summary>
    /// Adds rows [0, rows) of columns [c0, c1) of m1 into sums1 and, when sums2 is not null, of m2 into sums2. Blocks
    /// of rows (<see cref="RowBlock"/>) are taken in turn; within a block, four vectors of columns at a time are summed
    /// in registers down the block's rows (two sets when there are two blocks to sum, from one load when m2 is m1), so
    /// the sums are loaded and stored once a block rather than once a row, and every column still adds its rows in
    /// order.
    /// </summary>
    internal static unsafe void AddRange<T>(T* sums1, T* m1, T* sums2, T* m2, int rows, int ld, int c0, int c1)
        where T : unmanaged, INumber<T>
    {
        bool vectors = Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported;
        int width = Vector256<T>.Count, wide = 4 * width;
        bool two = sums2 is not null, same = m2 == m1;
        for (int r0 = 0; r0 < rows; r0 += RowBlock)
        {
            int r1 = Math.Min(rows, r0 + RowBlock);
            int j = c0;
            if (vectors)
            {
                for (; j <= c1 - wide; j += wide)
                {
                    T* s1 = sums1 + j;
                    var a0 = Vector256.Load(s1); var a1 = Vector256.Load(s1 + width);
                    var a2 = Vector256.Load(s1 + 2 * width); var a3 = Vector256.Load(s1 + 3 * width);
                    var b0 = Vector256<T>.Zero; var b1 = b0; var b2 = b0; var b3 = b0;
                    if (two)
                    {
                        T* s2 = sums2 + j;
                        b0 = Vector256.Load(s2); b1 = Vector256.Load(s2 + width);
                        b2 = Vector256.Load(s2 + 2 * width); b3 = Vector256.Load(s2 + 3 * width);
                    }
                    for (int r = r0; r < r1; r++)
                    {
                        T* p = m1 + (long)r * ld + j;
                        var v0 = Vector256.Load(p); var v1 = Vector256.Load(p + width);
                        var v2 = Vector256.Load(p + 2 * width); var v3 = Vector256.Load(p + 3 * width);
                        a0 += v0; a1 += v1; a2 += v2; a3 += v3;
                        if (!two) continue;
                        if (!same)
                        {
                            T* q = m2 + (long)r * ld + j;
                            v0 = Vector256.Load(q); v1 = Vector256.Load(q + width);
                            v2 = Vector256.Load(q + 2 * width); v3 = Vector256.Load(q + 3 * width);
                        }
                        b0 += v0; b1 += v1; b2 += v2; b3 += v3;
                    }
                    a0.Store(s1); a1.Store(s1 + width); a2.Store(s1 + 2 * width); a3.Store(s1 + 3 * width);
                    if (two)
                    {
                        T* s2 = sums2 + j;
                        b0.Store(s2); b1.Store(s2 + width); b2.Store(s2 + 2 * width); b3.Store(s2 + 3 * width);
                    }
                }
                for (; j <= c1 - width; j += width)
                    for (int r = r0; r < r1; r++)
                    {
                        long at = (long)r * ld + j;
                        (Vector256.Load(sums1 + j) + Vector256.Load(m1 + at)).Store(sums1 + j);
                        if (two) (Vector256.Load(sums2 + j) + Vector256.Load(m2 + at)).Store(sums2 + j);
                    }
            }
            for (; j < c1; j++)
                for (int r = r0; r < r1; r++)
                {
                    long at = (long)r * ld + j;
                    sums1[j] += m1[at];
                    if (two) sums2[j] += m2[at];
                }
        }
    }

    private static void Check(int columns, int length, int rows, int ld, string name)
    {
        if (rows < 0 || ld < columns)
            throw new ArgumentException($"column sums: {rows} rows with leading dimension {ld} for {columns} columns");
        long needed = rows == 0 || columns == 0 ? 0 : (long)(rows - 1) * ld + columns;
        if (needed > length)
            throw new ArgumentException($"column sums: {name} is {rows}×{columns} with leading dimension {ld}, " +
            $"needing {needed} elements, but holds {length}");
    }
}
