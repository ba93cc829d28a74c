namespace Recurrent.Losses;

/// <summary>
/// Huber loss over counted elements (torch.nn.HuberLoss), with d = y − t:
/// ℓ(d) = ½ d² for |d| ≤ δ, δ (|d| − ½ δ) beyond; ℓ′(d) = d for |d| ≤ δ, δ sign(d) beyond;
/// C = (1 / (K Σ_r w_r)) Σ_r w_r Σ_k ℓ(d_rk);  ∂C/∂y_rk = w_r ℓ′(d_rk) / (K Σ_r w_r).
/// </summary>
public sealed class HuberLoss<T> : SequenceLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _delta; // δ
    private readonly T _halfDelta; // ½ δ

    /// <summary>Creates the loss.</summary>
    /// <param name="delta">δ &gt; 0, where the loss turns from quadratic to linear (default 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">δ is not a finite positive number.</exception>
    public HuberLoss(double delta = 1)
    {
        if (!(delta > 0) || double.IsInfinity(delta))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, $"delta must be finite and > 0, got {delta}");
        Delta = delta;
        _delta = T.CreateChecked(delta);
        _halfDelta = T.CreateChecked(delta / 2);
    }

    /// <summary>δ.</summary>
    public double Delta { get; }

    /// <inheritdoc/>
    public override LossKind Kind => LossKind.Huber;

    /// <inheritdoc/>
    public override string Name => "huber";

    /// <inheritdoc/>
    public override bool UsesClassTargets => false;

    internal override double Row(ReadOnlySpan<T> prediction, int classId, ReadOnlySpan<T> target, Span<T> gradient,
        T scale)
    {
        T loss = T.Zero;
        for (int k = 0; k < prediction.Length; k++)
        {
            T d = prediction[k] - target[k], size = T.Abs(d);
            if (size <= _delta)
            {
                loss += d * d / (T.One + T.One);
                gradient[k] = scale * d;
            }
            else
            {
                loss += _delta * (size - _halfDelta);
                gradient[k] = d > T.Zero ? scale * _delta : -scale * _delta;
            }
        }
        return double.CreateChecked(loss);
    }
}
