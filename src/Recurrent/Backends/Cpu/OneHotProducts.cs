namespace Recurrent.Backends.Cpu;

/// <summary>
/// Products with a one-hot operand (characters fed as one-hot rows) done as gathers and scatters instead of GEMMs:
/// x W_ihᵀ picks column c_r of W_ih for row r, and dxpᵀ x adds row r of dxp to column c_r of dW_ih. Each row of x
/// must be exactly one 1 among zeros (<see cref="TryFindColumns"/> says whether it is). The GEMM on the same operands
/// is the reference twin; tests hold the two equal.
/// Glossary: N rows, I inputs (the one-hot width), GH outputs; c_r the column of row r's 1; ld the leading dimension
/// (row stride, ≥ GH) of xp and dxp, which live in the gate columns of a recurrent layer's wider cache rows.
/// </summary>
public static class OneHotProducts
{
    /// <summary>
    /// True, with c_r in <paramref name="columns"/>, when every row of x (N, I) is one-hot; false at the first row that
    /// is not (a dense input costs about one row's scan).
    /// </summary>
    public static bool TryFindColumns<T>(ReadOnlySpan<T> x, int rows, int inputs, Span<int> columns) where T : unmanaged, IFloatingPointIeee754<T>
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
    public static void Project<T>(Span<T> xp, int ld, ReadOnlySpan<T> weight, int outputs, int inputs, ReadOnlySpan<int> columns,
        Span<T> transposed, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ld, outputs);
        Transpose(transposed, weight, outputs, inputs);
        for (int r = 0; r < columns.Length; r++)
        {
            var source = transposed.Slice(columns[r] * outputs, outputs);
            var target = xp.Slice(r * ld, outputs);
            if (accumulate) TensorPrimitives.Add(target, source, target);
            else source.CopyTo(target);
        }
    }

    /// <summary>
    /// dW[:, c_r] += dxp[r] for every row: W's gradient (GH, I) += dxpᵀ x, dxp (N, ld) read in its first GH columns.
    /// <paramref name="scratch"/> (I·GH) is work space.
    /// </summary>
    public static void AccumulateWeightGradient<T>(Span<T> weightGradient, ReadOnlySpan<T> dxp, int ld, int outputs, int inputs,
        ReadOnlySpan<int> columns, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ld, outputs);
        scratch = scratch[..(inputs * outputs)];
        scratch.Clear();
        for (int r = 0; r < columns.Length; r++)
        {
            var target = scratch.Slice(columns[r] * outputs, outputs);
            TensorPrimitives.Add(target, dxp.Slice(r * ld, outputs), target);
        }
        for (int j = 0; j < outputs; j++)
        {
            var row = weightGradient.Slice(j * inputs, inputs);
            for (int i = 0; i < inputs; i++) row[i] += scratch[i * outputs + j];
        }
    }

    private static void Transpose<T>(Span<T> to, ReadOnlySpan<T> from, int rows, int columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            var row = from.Slice(r * columns, columns);
            for (int c = 0; c < columns; c++) to[c * rows + r] = row[c];
        }
    }
}
