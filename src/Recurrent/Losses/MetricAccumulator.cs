namespace Recurrent.Losses;

/// <summary>
/// Accumulates a <see cref="SequenceMetric{T}"/> over many batches: adds each batch's weighted sum and count, so
/// <see cref="Value"/> equals the metric of all batches taken together (up to rounding), whatever the batch sizes
/// and masks. For a validation pass: <c>Reset</c>, <c>Add</c> per batch, then read <c>Value</c>.
/// </summary>
/// <remarks>Not safe for concurrent <see cref="Add"/> calls.</remarks>
/// <typeparam name="T">The element type of the predictions.</typeparam>
public sealed class MetricAccumulator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private double _sum; // Σ over batches of Σ_r w_r s_r

    /// <summary>An empty accumulator of <paramref name="metric"/>.</summary>
    public MetricAccumulator(SequenceMetric<T> metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        Metric = metric;
    }

    /// <summary>An empty accumulator of the metric of <paramref name="kind"/>.</summary>
    public MetricAccumulator(MetricKind kind) : this(SequenceMetric<T>.Create(kind)) { }

    /// <summary>The metric accumulated.</summary>
    public SequenceMetric<T> Metric { get; }

    /// <summary>What has been counted so far: Σ of mask weights over rows (class metrics) or over rows × K (value
    /// metrics); for 0/1 masks the number of counted rows or elements.</summary>
    public double Count { get; private set; }

    /// <summary>The metric over everything added so far; 0 while nothing is counted.</summary>
    public double Value => Metric.Finish(_sum, Count);

    /// <summary>Adds one batch; arguments as in <see cref="SequenceMetric{T}.Compute"/>. A batch that fails its
    /// checks adds nothing.</summary>
    public void Add(Tensor<T> prediction, SequenceTargets<T> targets, Tensor<T>? mask = null)
    {
        var (sum, count) = Metric.Totals(prediction, targets, mask);
        _sum += sum;
        Count += count;
    }

    /// <summary>Forgets everything added.</summary>
    public void Reset()
    {
        _sum = 0;
        Count = 0;
    }
}
