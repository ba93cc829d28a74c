namespace Recurrent.Losses;

/// <summary>
/// Sigmoid and binary cross-entropy fused, on logits z and targets t ∈ [0, 1] of the prediction's shape, over counted
/// elements (torch.nn.BCEWithLogitsLoss). The element loss −[t ln σ(z) + (1 − t) ln(1 − σ(z))] is evaluated as
/// ℓ = max(z, 0) − z t + ln(1 + e^{−|z|}), finite for any z (|z| = 100 included);
/// C = (1 / (K Σ_r w_r)) Σ_r w_r Σ_k ℓ_rk;  ∂C/∂z_rk = w_r (σ(z_rk) − t_rk) / (K Σ_r w_r).
/// </summary>
/// <remarks>For probabilities instead of logits, the (N, K) <see cref="BinaryCrossEntropy{T}"/> clamps and takes
/// the logarithms directly.</remarks>
public sealed class BinaryCrossEntropyWithLogitsLoss<T> : SequenceLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override LossKind Kind => LossKind.BinaryCrossEntropyWithLogits;

    /// <inheritdoc/>
    public override string Name => "bce-logits";

    /// <inheritdoc/>
    public override bool UsesClassTargets => false;

    internal override double Row(ReadOnlySpan<T> prediction, int classId, ReadOnlySpan<T> target, Span<T> gradient,
        T scale)
    {
        T loss = T.Zero;
        for (int k = 0; k < prediction.Length; k++)
        {
            T z = prediction[k], t = target[k];
            T e = T.Exp(-T.Abs(z)); // e^{−|z|} ∈ (0, 1]
            loss += T.Max(z, T.Zero) - z * t + LogOnePlus(e);
            T sigmoid = z >= T.Zero ? T.One / (T.One + e) : e / (T.One + e);
            gradient[k] = scale * (sigmoid - t);
        }
        return double.CreateChecked(loss);
    }

    /// <summary>ln(1 + u) accurate for small u (Goldberg: ln w · u / (w − 1) with w = 1 + u rounded).</summary>
    private static T LogOnePlus(T u)
    {
        T w = T.One + u;
        return w == T.One ? u : T.Log(w) * u / (w - T.One);
    }
}
