namespace Recurrent.Losses;

/// <summary>
/// C = ½‖y − t‖² per row (docs/equations.md#losses), averaged over the counted rows:
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
        double counted = LossRows.Counted(mask, prediction.Rows);
        if (counted == 0)
        {
            gradient?.Clear();
            return T.Zero;
        }
        double total =
            SquaredErrorRows.Sum(prediction, target, mask, gradient, T.One / T.CreateChecked(counted), ref _scratch);
        return T.CreateChecked(0.5 * total / counted);
    }
}
