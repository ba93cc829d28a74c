namespace Recurrent.Losses;

/// <summary>Root mean squared error over counted elements: √((1 / (K Σ_r w_r)) Σ_r w_r Σ_k (y_rk − t_rk)²).
/// Over many batches the squares are summed first and the root taken once, so the result is exact.</summary>
public sealed class RootMeanSquaredErrorMetric<T> : SequenceMetric<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override MetricKind Kind => MetricKind.RootMeanSquaredError;

    /// <inheritdoc/>
    public override string Name => "rmse";

    /// <inheritdoc/>
    public override bool UsesClassTargets => false;

    internal override double Row(ReadOnlySpan<T> prediction, int classId, ReadOnlySpan<T> target)
    {
        double sum = 0;
        for (int k = 0; k < prediction.Length; k++)
        {
            double d = double.CreateChecked(prediction[k] - target[k]);
            sum += d * d;
        }
        return sum;
    }

    internal override double Finish(double sum, double count) => count == 0 ? 0 : Math.Sqrt(sum / count);
}
