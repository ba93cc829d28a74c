namespace Recurrent.Losses;

/// <summary>
/// What every loss shares: shape checks at the boundary and the row mask. A row r is counted with weight
/// w_r = mask[r] (1 without a mask); rows with w_r = 0 are skipped entirely, so padding may hold anything, and their
/// gradient rows are zeroed. Mean losses divide by Σ_r w_r, the number of counted rows for a 0/1 mask.
/// </summary>
internal static class LossRows
{
    /// <summary>Checks prediction (N, K) and, when given, target (N, K), mask (N) and gradient (N, K).</summary>
    public static void Check<T>(Tensor<T> prediction, Tensor<T>? target, Tensor<T>? mask, Tensor<T>? gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(prediction);
        int n = prediction.Rows, k = prediction.RowLength;
        ShapeCheck.Require(prediction, "prediction", "(N, K)", n, k);
        if (target is not null) ShapeCheck.Require(target, "target", "(N, K)", n, k);
        if (mask is not null) ShapeCheck.Require(mask, "mask", "(N)", n);
        if (gradient is not null) ShapeCheck.Require(gradient, "gradient", "(N, K)", n, k);
    }

    /// <summary>Σ_r w_r: N without a mask, else the mask's sum.</summary>
    public static double Counted<T>(Tensor<T>? mask, int rows) where T : unmanaged, IFloatingPointIeee754<T> =>
        mask is null ? rows : double.CreateChecked(TensorPrimitives.Sum<T>(mask.Span));

    /// <summary>w_r: 1 without a mask, else mask[r].</summary>
    public static T Weight<T>(Tensor<T>? mask, int row) where T : unmanaged, IFloatingPointIeee754<T> =>
        mask is null ? T.One : mask.Span[row];

    /// <summary>A reusable row buffer of at least <paramref name="length"/> elements (allocated once per row
    /// length).</summary>
    public static Span<T> Scratch<T>(ref T[]? buffer, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (buffer is null || buffer.Length < length) buffer = new T[length];
        return buffer.AsSpan(0, length);
    }
}
