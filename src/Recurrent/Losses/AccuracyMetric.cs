namespace Recurrent.Losses;

/// <summary>
/// Accuracy on class ids: A = (1 / Σ_r w_r) Σ_r w_r [argmax_k y_rk = c_r], the first maximum winning ties.
/// The prediction may be logits or probabilities (softmax keeps the argmax).
/// </summary>
public sealed class AccuracyMetric<T> : SequenceMetric<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override MetricKind Kind => MetricKind.Accuracy;

    /// <inheritdoc/>
    public override string Name => "accuracy";

    /// <inheritdoc/>
    public override bool UsesClassTargets => true;

    internal override double Row(ReadOnlySpan<T> prediction, int classId, ReadOnlySpan<T> target) =>
        TensorPrimitives.IndexOfMax(prediction) == classId ? 1 : 0;
}
