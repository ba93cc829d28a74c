using Recurrent.Backends.Cpu;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// What one input projection xp = x W_ihᵀ + b needs beyond its operands, and what it found about x: the bias row it
/// multiplies onto, and, when every row of x is one-hot (characters as data), each row's column, so that the products
/// with x become gathers (<see cref="OneHotProducts"/>) and the weight gradient after Backward reuses the columns
/// instead of scanning x again. Per-call state, so it lives in the caller's workspace, never in the cell.
/// Glossary: N rows, I input size, GH gate width.
/// </summary>
internal sealed class InputProjection<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[] _columns = [];   // (N) the column of each row's 1 when x is one-hot
    private T[] _scratch = [];     // (I·GH) W_ihᵀ or dW_ihᵀ for the one-hot products

    /// <param name="gateWidth">GH, the width of the bias row.</param>
    public InputProjection(int gateWidth) => Bias = LongLivedArray.Allocate<T>(gateWidth);

    /// <summary>(GH) b_ih plus the folded part of b_hh, filled by each projection.</summary>
    public T[] Bias { get; }

    /// <summary>Rows of the last projection, −1 when nothing is known about x (before one, or after a failed
    /// scan).</summary>
    public int Rows { get; private set; } = -1;

    /// <summary>Whether the x of the last projection was one-hot; its columns are then <see cref="Columns"/>.</summary>
    public bool OneHot { get; private set; }

    /// <summary>(N) the one-hot columns found by the last <see cref="Scan"/>.</summary>
    public Span<int> Columns => _columns.AsSpan(0, Math.Max(Rows, 0));

    /// <summary>(I·GH) work space for the one-hot products.</summary>
    public T[] Scratch => _scratch;

    /// <summary>
    /// Records whether every one of <paramref name="rows"/> rows of x is one-hot (with its columns), sizing the work
    /// space on first use. One row is never treated as one-hot: the GEMM's one-row path is as cheap.
    /// </summary>
    public bool Scan(ReadOnlySpan<T> x, int rows, int inputSize, int gateWidth)
    {
        Rows = rows;
        OneHot = false;
        if (rows < 2) return false;
        if (_columns.Length < rows) _columns = LongLivedArray.Allocate<int>(rows);
        if (!OneHotProducts.TryFindColumns(x, rows, inputSize, _columns)) return false;
        if (_scratch.Length < inputSize * gateWidth) _scratch = LongLivedArray.Allocate<T>(inputSize * gateWidth);
        return OneHot = true;
    }

    /// <summary>Whether the last scan covered <paramref name="rows"/> rows, so its answer holds for the same
    /// x.</summary>
    public bool Knows(int rows) => Rows == rows;
}
