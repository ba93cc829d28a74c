namespace Recurrent.Losses;

/// <summary>
/// The cost of SPEC §7's worked example, J = Σ (y − t)ᵀ(y − t), summed over every counted element with no
/// averaging and no ½: C = Σ_r w_r Σ_k (y_rk − t_rk)²;  ∂C/∂y_rk = 2 w_r (y_rk − t_rk).
/// </summary>
/// <remarks>Not thread-safe: keeps a row buffer for value-only calls.</remarks>
public sealed class SumSquaredError<T> : ILoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[]? _scratch; // (K) difference row when no gradient is asked for

    /// <inheritdoc/>
    public string Name => "sse";

    /// <inheritdoc/>
    public T Compute(Tensor<T> prediction, Tensor<T> target, Tensor<T>? mask, Tensor<T>? gradient)
    {
        ArgumentNullException.ThrowIfNull(target);
        LossRows.Check(prediction, target, mask, gradient);
        int n = prediction.Rows, k = prediction.RowLength;
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
            total += double.CreateChecked(w) * double.CreateChecked(TensorPrimitives.SumOfSquares<T>(diff));
            if (gradient is not null) TensorPrimitives.Multiply(diff, (w + w), diff);
        }
        return T.CreateChecked(total);
    }
}
