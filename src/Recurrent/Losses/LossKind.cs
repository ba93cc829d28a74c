namespace Recurrent.Losses;

/// <summary>
/// The losses on sequence-shaped tensors that <see cref="SequenceLoss{T}.Create"/> builds with their defaults
/// (docs/equations.md#losses). Class losses take class ids and average over counted rows; value losses take values of
/// the prediction's shape and average over counted rows × K.
/// </summary>
public enum LossKind
{
    /// <summary><see cref="CrossEntropyLoss{T}"/>: softmax and negative log-likelihood fused, on logits and class
    /// ids.</summary>
    CrossEntropy,

    /// <summary><see cref="MeanSquaredErrorLoss{T}"/>: mean of (y − t)² over counted elements.</summary>
    MeanSquaredError,

    /// <summary><see cref="MeanAbsoluteErrorLoss{T}"/>: mean of |y − t| over counted elements.</summary>
    MeanAbsoluteError,

    /// <summary><see cref="HuberLoss{T}"/>: quadratic within δ = 1 of the target, linear beyond.</summary>
    Huber,

    /// <summary><see cref="BinaryCrossEntropyWithLogitsLoss{T}"/>: sigmoid and binary cross-entropy fused, on
    /// logits.</summary>
    BinaryCrossEntropyWithLogits,

    /// <summary><see cref="PinballLoss{T}"/>: the quantile loss of Q levels over Q blocks of outputs (the median
    /// alone by default).</summary>
    Pinball,
}
