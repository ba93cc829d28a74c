namespace Recurrent.Losses;

/// <summary>
/// The row loop both squared-error costs share: Σ_r w_r Σ_k (y_rk − t_rk)², and, when asked, the gradient
/// g_rk = gradientScale · w_r (y_rk − t_rk). Each cost supplies only its own constants (½ and the mean, or neither).
/// </summary>
internal static class SquaredErrorRows
{
    /// <summary>Returns the weighted sum of squared differences; overwrites <paramref name="gradient"/> when given
    /// (masked rows get zeros).</summary>
    public static double Sum<T>(Tensor<T> prediction, Tensor<T> target, Tensor<T>? mask, Tensor<T>? gradient,
        T gradientScale, ref T[]? scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = prediction.Rows, k = prediction.RowLength;
        double total = 0;
        for (int r = 0; r < n; r++)
        {
            T w = LossRows.Weight(mask, r);
            var diff = gradient is null ? LossRows.Scratch(ref scratch, k) : gradient.Row(r); // y − t  (K)
            if (w == T.Zero)
            {
                diff.Clear();
                continue;
            }
            TensorPrimitives.Subtract(prediction.Row(r), target.Row(r), diff);
            total += double.CreateChecked(w) * double.CreateChecked(TensorPrimitives.SumOfSquares<T>(diff));
            if (gradient is not null) TensorPrimitives.Multiply(diff, w * gradientScale, diff);
        }
        return total;
    }
}
