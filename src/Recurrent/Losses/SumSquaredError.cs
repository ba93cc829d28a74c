namespace Recurrent.Losses;

/// <summary>
/// The cost of the worked example (docs/equations.md#memory-tasks), J = Σ (y − t)ᵀ(y − t), summed over every counted
/// element with no
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
        return T.CreateChecked(SquaredErrorRows.Sum(prediction, target, mask, gradient, T.CreateChecked(2),
            ref _scratch));
    }
}
