namespace Recurrent.Losses;

/// <summary>
/// A metric on sequence-shaped tensors, with the shapes, targets and masks of <see cref="SequenceLoss{T}"/>: every
/// metric is a weighted sum over counted rows (class metrics) or counted elements, rows × K (value metrics), divided
/// by their number, then finished (RMSE takes the square root). So a metric over many batches is exact when the
/// sums and counts are added first: <see cref="MetricAccumulator{T}"/> does that.
/// </summary>
/// <remarks>Masked rows are never read. When nothing is counted the value is 0 (see
/// <see cref="MetricAccumulator{T}.Count"/> to tell). Instances hold no state and are safe to share.</remarks>
/// <typeparam name="T">The element type of the prediction.</typeparam>
public abstract class SequenceMetric<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private protected SequenceMetric() { }

    /// <summary>Which metric this is.</summary>
    public abstract MetricKind Kind { get; }

    /// <summary>Short name for tables and logs, e.g. "accuracy", "rmse".</summary>
    public abstract string Name { get; }

    /// <summary>True when the metric takes class ids (and counts rows); false when it takes values (and counts
    /// rows × K elements).</summary>
    public abstract bool UsesClassTargets { get; }

    /// <summary>Creates the metric of <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static SequenceMetric<T> Create(MetricKind kind) => kind switch
    {
        MetricKind.Accuracy => new AccuracyMetric<T>(),
        MetricKind.MeanAbsoluteError => new MeanAbsoluteErrorMetric<T>(),
        MetricKind.RootMeanSquaredError => new RootMeanSquaredErrorMetric<T>(),
        MetricKind.Pinball => new PinballMetric<T>(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"unknown metric kind {kind}"),
    };

    /// <summary>The metric of one batch.</summary>
    /// <param name="prediction">(T, B, K) or (B, K).</param>
    /// <param name="targets">Class ids (T·B) or (B), or values of the prediction's shape.</param>
    /// <param name="mask">(T, B), (T·B) or (B): 1 = counted, 0 = padding; null counts every row.</param>
    /// <exception cref="ShapeMismatchException">A shape disagrees; the message says what was expected and what came.
    /// </exception>
    /// <exception cref="ArgumentException">The wrong kind of targets for this metric.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A counted row's class id is outside [0, K).</exception>
    public double Compute(Tensor<T> prediction, SequenceTargets<T> targets, Tensor<T>? mask = null)
    {
        var (sum, count) = Totals(prediction, targets, mask);
        return Finish(sum, count);
    }

    /// <summary>A new, empty accumulator of this metric.</summary>
    public MetricAccumulator<T> CreateAccumulator() => new(this);

    /// <summary>Σ_r w_r s_r and the count Σ_r w_r (× K for a value metric), after checking the arguments.</summary>
    internal (double Sum, double Count) Totals(Tensor<T> prediction, SequenceTargets<T> targets, Tensor<T>? mask)
    {
        var (rows, k) = SequenceRows.Check(prediction, targets, mask, null, Name, UsesClassTargets);
        var ids = targets.ClassIds.Span;
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            T w = SequenceRows.Weight(mask, r);
            if (w == T.Zero) continue;
            ReadOnlySpan<T> target = targets.ValueTensor is null ? default
                : SequenceRows.Row(targets.ValueTensor, r, k);
            sum += double.CreateChecked(w) * Row(SequenceRows.Row(prediction, r, k), ids.IsEmpty ? -1 : ids[r],
                target);
        }
        double counted = SequenceRows.Counted(mask, rows);
        return (sum, UsesClassTargets ? counted : counted * k);
    }

    /// <summary>s_r of one counted row: for a class metric its score, for a value metric the sum over its K
    /// elements.</summary>
    /// <param name="classId">c_r for a class metric (in range), −1 for a value metric.</param>
    /// <param name="target">t_r (K) for a value metric, empty for a class metric.</param>
    internal abstract double Row(ReadOnlySpan<T> prediction, int classId, ReadOnlySpan<T> target);

    /// <summary>The metric from the totals: sum / count by default, 0 when nothing is counted.</summary>
    internal virtual double Finish(double sum, double count) => count == 0 ? 0 : sum / count;
}
