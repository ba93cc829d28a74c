namespace Recurrent.Losses;

/// <summary>
/// The pinball (quantile) loss over counted elements, for Q quantile levels τ_1 &lt; … &lt; τ_Q: the K outputs of a
/// row are Q blocks of K/Q, block q forecasting the τ_q quantile of the targets (a target is repeated in every
/// block). With d = t − y and τ the level of element k, τ = τ_{⌊k / (K/Q)⌋ + 1}:
/// <code>
/// ℓ_τ(d) = τ d for d ≥ 0, (τ − 1) d for d &lt; 0        (= max(τ d, (τ − 1) d))
/// ∂ℓ_τ/∂y = −τ for y &lt; t, 1 − τ for y &gt; t, 0 at y = t (the subgradient)
/// C = (1 / (K Σ_r w_r)) Σ_r w_r Σ_k ℓ_τk(d_rk);  ∂C/∂y_rk = w_r ∂ℓ_τk/∂y_rk / (K Σ_r w_r)
/// </code>
/// Its minimiser over a distribution of t is the τ quantile, so Q blocks trained together give a prediction interval
/// [τ_1, τ_Q] quantiles; τ = ½ gives half the absolute error (the median).
/// </summary>
public sealed class PinballLoss<T> : SequenceLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _levels; // τ_1 … τ_Q

    /// <summary>Creates the loss.</summary>
    /// <param name="quantiles">τ_1 &lt; … &lt; τ_Q, each in (0, 1) (default: ½ alone, the median).</param>
    /// <exception cref="ArgumentException">No level, one outside (0, 1), or levels not increasing.</exception>
    public PinballLoss(IReadOnlyList<double>? quantiles = null)
    {
        quantiles ??= [0.5];
        Quantiles.Validate(quantiles, nameof(quantiles));
        Levels = [.. quantiles];
        _levels = [.. quantiles.Select(T.CreateChecked)];
    }

    /// <summary>τ_1 … τ_Q.</summary>
    public IReadOnlyList<double> Levels { get; }

    /// <inheritdoc/>
    public override LossKind Kind => LossKind.Pinball;

    /// <inheritdoc/>
    public override string Name => "pinball";

    /// <inheritdoc/>
    public override bool UsesClassTargets => false;

    internal override double Row(ReadOnlySpan<T> prediction, int classId, ReadOnlySpan<T> target, Span<T> gradient,
        T scale)
    {
        int block = Quantiles.BlockSize(prediction.Length, _levels.Length);
        T loss = T.Zero;
        for (int k = 0; k < prediction.Length; k++)
        {
            T tau = _levels[k / block], d = target[k] - prediction[k];
            loss += d >= T.Zero ? tau * d : (tau - T.One) * d;
            gradient[k] = d > T.Zero ? -tau * scale : d < T.Zero ? (T.One - tau) * scale : T.Zero;
        }
        return double.CreateChecked(loss);
    }
}
