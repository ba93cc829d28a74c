namespace Recurrent.Losses;

/// <summary>
/// Mean absolute error over counted elements (torch.nn.L1Loss):
/// C = (1 / (K Σ_r w_r)) Σ_r w_r Σ_k |y_rk − t_rk|;  ∂C/∂y_rk = w_r sign(y_rk − t_rk) / (K Σ_r w_r),
/// with the subgradient sign(0) = 0 where the prediction equals the target.
/// </summary>
public sealed class MeanAbsoluteErrorLoss<T> : SequenceLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override LossKind Kind => LossKind.MeanAbsoluteError;

    /// <inheritdoc/>
    public override string Name => "mae";

    /// <inheritdoc/>
    public override bool UsesClassTargets => false;

    internal override double Row(ReadOnlySpan<T> prediction, int classId, ReadOnlySpan<T> target, Span<T> gradient,
        T scale)
    {
        T loss = T.Zero;
        for (int k = 0; k < prediction.Length; k++)
        {
            T d = prediction[k] - target[k];
            loss += T.Abs(d);
            gradient[k] = d > T.Zero ? scale : d < T.Zero ? -scale : T.Zero;
        }
        return double.CreateChecked(loss);
    }
}
