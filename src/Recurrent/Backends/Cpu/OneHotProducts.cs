using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// Products with a one-hot operand (characters fed as one-hot rows) done as gathers and scatters instead of GEMMs:
/// x W_ihᵀ picks column c_r of W_ih for row r, and dxpᵀ x adds row r of dxp to column c_r of dW_ih. Each row of x
/// must be exactly one 1 among zeros (<see cref="TryFindColumns{T}(ReadOnlySpan{T}, int, int, Span{int})"/> says
/// whether it is). The GEMM on the same operands is the reference twin; tests hold the two equal.
/// Glossary: N rows, I inputs (the one-hot width), GH outputs; c_r the column of row r's 1; ld the leading dimension
/// (row stride, ≥ GH) of xp and dxp, which live in the gate columns of a recurrent layer's wider cache rows.
/// </summary>
internal static class OneHotProducts
{
    /// <summary>
    /// True, with c_r in <paramref name="columns"/>, when every row of x (N, I) is one-hot; false at the first row that
    /// is not (a dense input costs about one row's scan).
    /// </summary>
    /// <remarks>
    /// Vectorised: each row is compared with zero a vector at a time and its nonzero lanes counted from the
    /// comparison's sign bits, since MemoryExtensions.IndexOfAnyExcept is a scalar loop for floating-point types (it
    /// cannot compare bit patterns: −0 equals 0), and the check ran on the calling thread alone (docs/benchmarks.md).
    /// Zero means == 0 (−0 included, NaN not) in both; <see cref="TryFindColumnsReference"/> is the twin.
    /// Inputs of two parts' worth are checked by the GEMM workers, a range of rows each, rather than on the caller
    /// alone with every other thread waiting.
    /// </remarks>
    public static unsafe bool TryFindColumns<T>(ReadOnlySpan<T> x, int rows, int inputs,
        Span<int> columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Vector256.IsHardwareAccelerated || !Vector256<T>.IsSupported || inputs < Vector256<T>.Count)
            return TryFindColumnsReference(x, rows, inputs, columns);
        if (x.Length < (long)rows * inputs || columns.Length < rows)
            throw new ArgumentException($"one-hot check: expected x (N, I) = ({rows}, {inputs}) and {rows} columns");
        if (OneHotJob<T>.SplitsCheck(rows, inputs))
            fixed (T* px = x)
            fixed (int* pc = columns)
                return OneHotJob<T>.ForCurrentThread.FindColumns(px, pc, rows, inputs);
        return FindColumnsInRows(ref MemoryMarshal.GetReference(x), 0, rows, inputs, columns);
    }

    /// <summary>The vectorised check of rows [r0, r1) of x, which starts at <paramref name="start"/>.</summary>
    internal static bool FindColumnsInRows<T>(ref T start, int r0, int r1, int inputs,
        Span<int> columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector256<T>.Count, whole = inputs / width * width;
        for (int r = r0; r < r1; r++)
        {
            nuint row = (nuint)r * (nuint)inputs;
            int column = -1;
            for (int i = 0; i < whole; i += width)
            {
                uint nonzero =
                    ~Vector256.Equals(Vector256.LoadUnsafe(ref start, row + (nuint)i),
                    Vector256<T>.Zero).ExtractMostSignificantBits()
                    & ((1u << width) - 1);
                if (nonzero == 0) continue;
                if (column >= 0 || (nonzero & (nonzero - 1)) != 0) return false; // a second nonzero value
                column = i + BitOperations.TrailingZeroCount(nonzero);
            }
            for (int i = whole; i < inputs; i++)
            {
                if (Unsafe.Add(ref start, row + (nuint)i) == T.Zero) continue;
                if (column >= 0) return false;
                column = i;
            }
            if (column < 0 || Unsafe.Add(ref start, row + (nuint)column) != T.One) return false;
            columns[r] = column;
        }
        return true;
    }

    /// <summary>The same check one value at a time: the reference
    /// <see cref="TryFindColumns{T}(ReadOnlySpan{T}, int, int, Span{int})"/> is tested against.</summary>
    public static bool TryFindColumnsReference<T>(ReadOnlySpan<T> x, int rows, int inputs,
        Span<int> columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            var row = x.Slice(r * inputs, inputs);
            int column = row.IndexOfAnyExcept(T.Zero);
            if (column < 0 || row[column] != T.One || row[(column + 1)..].IndexOfAnyExcept(T.Zero) >= 0) return false;
            columns[r] = column;
        }
        return true;
    }

    /// <summary>
    /// xp[r] (+)= W[:, c_r] for every row: with <paramref name="accumulate"/> adds onto xp (which holds the bias), else
    /// overwrites. xp is (N, ld), of which the first GH columns are written; W is (GH, I) row-major;
    /// <paramref name="transposed"/> (I·GH) receives Wᵀ so each gather is one row.
    /// </summary>
    public static void Project<T>(Span<T> xp, int ld, ReadOnlySpan<T> weight, int outputs, int inputs,
        ReadOnlySpan<int> columns,
        Span<T> transposed, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T> =>
        Project(xp, ld, weight, outputs, inputs, columns, transposed, accumulate, default);

    /// <summary>
    /// As the other overload, or, given a <paramref name="bias"/> (GH), xp[r] = b + W[:, c_r] in one pass (the same
    /// bits as copying b and then adding). Rows are split over the GEMM workers (<see cref="OneHotJob{T}"/>).
    /// </summary>
    public static unsafe void Project<T>(Span<T> xp, int ld, ReadOnlySpan<T> weight, int outputs, int inputs,
        ReadOnlySpan<int> columns,
        Span<T> transposed, bool accumulate, ReadOnlySpan<T> bias) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ld, outputs);
        int rows = columns.Length;
        if (!bias.IsEmpty && bias.Length < outputs)
            throw new ArgumentException($"bias: expected (GH) = ({outputs}), got ({bias.Length})", nameof(bias));
        if (rows > 0 && xp.Length < (long)(rows - 1) * ld + outputs)
            throw new ArgumentException($"xp: expected (N, ld) = ({rows}, {ld})", nameof(xp));
        CheckColumns(columns, inputs);
        Transpose(transposed, weight, outputs, inputs);
        fixed (T* pxp = xp, pt = transposed, pb = bias)
        fixed (int* pc = columns)
            OneHotJob<T>.ForCurrentThread.Project(pxp, ld, pt, bias.IsEmpty ? null : pb, accumulate, pc, rows, outputs);
    }

    /// <summary>
    /// dW[:, c_r] += dxp[r] for every row: W's gradient (GH, I) += dxpᵀ x, dxp (N, ld) read in its first GH columns.
    /// <paramref name="scratch"/> (I·GH) is work space. Split over the GEMM workers by character, then by output row
    /// (<see cref="OneHotJob{T}"/>), every sum in the serial order.
    /// </summary>
    public static unsafe void AccumulateWeightGradient<T>(Span<T> weightGradient, ReadOnlySpan<T> dxp, int ld,
        int outputs, int inputs,
        ReadOnlySpan<int> columns, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ld, outputs);
        int rows = columns.Length;
        if (weightGradient.Length < outputs * inputs)
            throw new ArgumentException($"weight gradient: expected (GH, I) = ({outputs}, {inputs})",
            nameof(weightGradient));
        if (rows > 0 && dxp.Length < (long)(rows - 1) * ld + outputs)
            throw new ArgumentException($"dxp: expected (N, ld) = ({rows}, {ld})", nameof(dxp));
        CheckColumns(columns, inputs);
        scratch = scratch[..(inputs * outputs)];
        scratch.Clear();
        var job = OneHotJob<T>.ForCurrentThread;
        fixed (T* pw = weightGradient, pd = dxp, ps = scratch)
        fixed (int* pc = columns)
        {
            job.Scatter(ps, pd, ld, pc, rows, outputs, inputs);
            job.Transpose(pw, ps, outputs, inputs);
        }
    }

    private static void CheckColumns(ReadOnlySpan<int> columns, int inputs)
    {
        foreach (int c in columns)
            if ((uint)c >= (uint)inputs)
                throw new ArgumentOutOfRangeException(nameof(columns), $"column {c} is outside [0, {inputs})");
    }

    private static void Transpose<T>(Span<T> to, ReadOnlySpan<T> from, int rows, int columns) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            var row = from.Slice(r * columns, columns);
            for (int c = 0; c < columns; c++) to[c * rows + r] = row[c];
        }
    }
}
