namespace Recurrent.Losses;

/// <summary>
/// SPEC §1's C = ½‖y − t‖² per row, averaged over the counted rows:
/// C = (1 / Σ_r w_r) Σ_r w_r · ½ Σ_k (y_rk − t_rk)²;  ∂C/∂y_rk = w_r (y_rk − t_rk) / Σ_r w_r.
/// </summary>
/// <remarks>Not thread-safe: keeps a row buffer for value-only calls.</remarks>
public sealed class MeanSquaredError<T> : ILoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[]? _scratch; // (K) difference row when no gradient is asked for

    /// <inheritdoc/>
    public string Name => "mse";

    /// <inheritdoc/>
    public T Compute(Tensor<T> prediction, Tensor<T> target, Tensor<T>? mask, Tensor<T>? gradient)
    {
        ArgumentNullException.ThrowIfNull(target);
        LossRows.Check(prediction, target, mask, gradient);
        int n = prediction.Rows, k = prediction.RowLength;
        double counted = LossRows.Counted(mask, n);
        if (counted == 0)
        {
            gradient?.Clear();
            return T.Zero;
        }
        double total = 0;
        for (int r = 0; r < n; r++)
        {
            T w = LossRows.Weight(mask, r);
            var diff = gradient is null ? LossRows.Scratch(ref _scratch, k) : gradient.Row(r); // y − t  (K)
            if (w == T.Zero)
            {
                diff.Clear();
                continue;
            }
            TensorPrimitives.Subtract(prediction.Row(r), target.Row(r), diff);
            total += double.CreateChecked(w) * 0.5 * double.CreateChecked(TensorPrimitives.SumOfSquares<T>(diff));
            if (gradient is not null) TensorPrimitives.Multiply(diff, w / T.CreateChecked(counted), diff);
        }
        return T.CreateChecked(total / counted);
    }
}
