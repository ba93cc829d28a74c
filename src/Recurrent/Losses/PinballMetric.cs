namespace Recurrent.Losses;

/// <summary>The mean pinball loss over counted elements (<see cref="PinballLoss{T}"/>'s value, without the
/// gradient): (1 / (K Σ_r w_r)) Σ_r w_r Σ_k ℓ_τk(t_rk − y_rk). Lower is better; it judges a whole set of quantile
/// forecasts at once, so early stopping favours neither too narrow nor too wide intervals.</summary>
public sealed class PinballMetric<T> : SequenceMetric<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double[] _levels;

    /// <summary>The metric of levels τ_1 &lt; … &lt; τ_Q in (0, 1) (default: ½ alone).</summary>
    /// <exception cref="ArgumentException">No level, one outside (0, 1), or levels not increasing.</exception>
    public PinballMetric(IReadOnlyList<double>? quantiles = null)
    {
        quantiles ??= [0.5];
        Quantiles.Validate(quantiles, nameof(quantiles));
        _levels = [.. quantiles];
    }

    /// <inheritdoc/>
    public override MetricKind Kind => MetricKind.Pinball;

    /// <inheritdoc/>
    public override string Name => "pinball";

    /// <inheritdoc/>
    public override bool UsesClassTargets => false;

    internal override double Row(ReadOnlySpan<T> prediction, int classId, ReadOnlySpan<T> target)
    {
        int block = Quantiles.BlockSize(prediction.Length, _levels.Length);
        double sum = 0;
        for (int k = 0; k < prediction.Length; k++)
        {
            double tau = _levels[k / block], d = double.CreateChecked(target[k] - prediction[k]);
            sum += d >= 0 ? tau * d : (tau - 1) * d;
        }
        return sum;
    }
}
