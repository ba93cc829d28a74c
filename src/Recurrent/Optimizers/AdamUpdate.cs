namespace Recurrent.Optimizers;

/// <summary>
/// The moment update and step shared by <see cref="Adam{T}"/> and <see cref="AdamW{T}"/>, in the order
/// torch.optim.Adam computes it (so rounding follows PyTorch's):
/// <code>
/// m ← β₁m + (1 − β₁)g
/// v ← β₂v + (1 − β₂)g²
/// θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
/// </code>
/// which is θ ← θ − γ m̂ / (√v̂ + ε) with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).
/// </summary>
internal static class AdamUpdate
{
    /// <param name="work">Scratch of the chunk's length; may not alias <paramref name="gradients"/>.</param>
    public static void Apply<T>(
        Span<T> values, ReadOnlySpan<T> gradients, Span<T> firstMoment, Span<T> secondMoment, Span<T> work,
        double learningRate, double beta1, double beta2, double epsilon, int step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Multiply(firstMoment, T.CreateChecked(beta1), firstMoment);
        // β₁m + (1 − β₁)g
        TensorPrimitives.MultiplyAdd(gradients, T.CreateChecked(1 - beta1), firstMoment, firstMoment);

        TensorPrimitives.Multiply(gradients, gradients, work);
        TensorPrimitives.Multiply(secondMoment, T.CreateChecked(beta2), secondMoment);
        TensorPrimitives.MultiplyAdd(work, T.CreateChecked(1 - beta2), secondMoment, secondMoment); // β₂v + (1 − β₂)g²

        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        double stepSize = learningRate / biasCorrection1;
        TensorPrimitives.Sqrt(secondMoment, work);
        TensorPrimitives.Divide(work, T.CreateChecked(Math.Sqrt(biasCorrection2)), work);
        TensorPrimitives.Add(work, T.CreateChecked(epsilon), work);          // √v / √(1 − β₂ᵗ) + ε
        TensorPrimitives.Divide(firstMoment, work, work);                    // m / (…)
        TensorPrimitives.MultiplyAdd(work, T.CreateChecked(-stepSize), values, values);
    }
}
