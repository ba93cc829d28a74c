namespace Recurrent.Losses;

/// <summary>
/// A cost over a batch of rows (N, K): one row per example, or per (time step, example) when a sequence is
/// flattened. An optional mask (N) of 0/1 drops rows (padded time steps) from the value and the gradient.
/// </summary>
public interface ILoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Short name for tables and options, e.g. "mse".</summary>
    string Name { get; }

    /// <summary>
    /// Returns the cost of <paramref name="prediction"/> against <paramref name="target"/>, and, when
    /// <paramref name="gradient"/> is given, overwrites it with ∂cost/∂prediction (same shape as prediction).
    /// </summary>
    /// <param name="prediction">(N, K) network outputs (logits for fused softmax cross-entropy).</param>
    /// <param name="target">(N, K) targets (one-hot or probabilities for classification).</param>
    /// <param name="mask">(N) weights 1 = counted, 0 = ignored; null counts every row.</param>
    /// <param name="gradient">(N, K) receives ∂cost/∂prediction; null for the value only.</param>
    T Compute(Tensor<T> prediction, Tensor<T> target, Tensor<T>? mask, Tensor<T>? gradient);
}
