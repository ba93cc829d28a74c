namespace Recurrent.Losses;

/// <summary>The metrics that <see cref="SequenceMetric{T}.Create"/> builds (docs/equations.md#losses).</summary>
public enum MetricKind
{
    /// <summary><see cref="AccuracyMetric{T}"/>: the fraction of counted rows whose argmax is the class id.</summary>
    Accuracy,

    /// <summary><see cref="MeanAbsoluteErrorMetric{T}"/>: the mean of |y − t| over counted elements.</summary>
    MeanAbsoluteError,

    /// <summary><see cref="RootMeanSquaredErrorMetric{T}"/>: √(mean of (y − t)² over counted elements).</summary>
    RootMeanSquaredError,

    /// <summary><see cref="PinballMetric{T}"/>: the mean pinball loss of Q quantile levels (the median alone by
    /// default).</summary>
    Pinball,
}
