namespace Recurrent.Losses;

/// <summary>
/// Mean squared error over counted elements (torch.nn.MSELoss; no ½):
/// C = (1 / (K Σ_r w_r)) Σ_r w_r Σ_k (y_rk − t_rk)²;  ∂C/∂y_rk = 2 w_r (y_rk − t_rk) / (K Σ_r w_r).
/// </summary>
/// <remarks>The (N, K) <see cref="MeanSquaredError{T}"/> differs on purpose: ½ per row and a mean over rows only.
/// </remarks>
public sealed class MeanSquaredErrorLoss<T> : SequenceLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override LossKind Kind => LossKind.MeanSquaredError;

    /// <inheritdoc/>
    public override string Name => "mse";

    /// <inheritdoc/>
    public override bool UsesClassTargets => false;

    internal override double Row(ReadOnlySpan<T> prediction, int classId, ReadOnlySpan<T> target, Span<T> gradient,
        T scale)
    {
        TensorPrimitives.Subtract(prediction, target, gradient); // y − t
        double loss = double.CreateChecked(TensorPrimitives.SumOfSquares<T>(gradient));
        TensorPrimitives.Multiply(gradient, (scale + scale), gradient);
        return loss;
    }
}
