namespace Recurrent.Losses;

/// <summary>Mean absolute error over counted elements: (1 / (K Σ_r w_r)) Σ_r w_r Σ_k |y_rk − t_rk|.</summary>
public sealed class MeanAbsoluteErrorMetric<T> : SequenceMetric<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override MetricKind Kind => MetricKind.MeanAbsoluteError;

    /// <inheritdoc/>
    public override string Name => "mae";

    /// <inheritdoc/>
    public override bool UsesClassTargets => false;

    internal override double Row(ReadOnlySpan<T> prediction, int classId, ReadOnlySpan<T> target)
    {
        double sum = 0;
        for (int k = 0; k < prediction.Length; k++) sum += Math.Abs(double.CreateChecked(prediction[k] - target[k]));
        return sum;
    }
}
