namespace Recurrent.Layers;

/// <summary>
/// A differentiable piece with a forward/backward pair (llm.c's pairing; the δ rules of docs/equations.md#dense).
/// Rows are examples: input (B, in) → output (B, out).
/// </summary>
public interface ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Computes the output for a batch and keeps what <see cref="Backward"/> needs. The returned tensor is a
    /// workspace of the layer, allocated once per batch size and valid until the next call.
    /// </summary>
    Tensor<T> Forward(Tensor<T> input);

    /// <summary>
    /// Given ∂C/∂output for the batch of the last <see cref="Forward"/>, adds the parameter gradients into the
    /// gradient buffer (backward accumulates; zero once per step) and returns ∂C/∂input (a workspace).
    /// </summary>
    Tensor<T> Backward(Tensor<T> outputGradient);
}
