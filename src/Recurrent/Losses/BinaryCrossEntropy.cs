namespace Recurrent.Losses;

/// <summary>
/// The cross-entropy of docs/equations.md#losses on probabilities y ∈ (0, 1) (e.g. sigmoid outputs), as a negative
/// log-likelihood,
/// summed over the row and averaged over the counted rows:
/// C = (1 / Σ_r w_r) Σ_r w_r Σ_k −[t ln ŷ + (1 − t) ln(1 − ŷ)],  with ŷ = clamp(y, ε, 1 − ε), ε =
/// <see cref="Epsilon"/>; ∂C/∂y_rk = w_r (ŷ − t) / (ŷ (1 − ŷ)) / Σ_r w_r.
/// </summary>
/// <remarks>
/// The clamp keeps the logarithms finite at y = 0 or 1. The gradient is the formula's, evaluated at the clamped ŷ
/// (so a saturated output still gets pushed back); inside [ε, 1 − ε] it is the exact derivative of the value.
/// For raw scores prefer a sigmoid output, or <see cref="SoftmaxCrossEntropy{T}"/> for one-of-K targets.
/// </remarks>
public sealed class BinaryCrossEntropy<T> : ILoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>ε of the clamp: 1e-7 (Keras's choice; 1 − ε is still below 1 in float).</summary>
    public const double Epsilon = 1e-7;

    /// <inheritdoc/>
    public string Name => "bce";

    /// <inheritdoc/>
    public T Compute(Tensor<T> prediction, Tensor<T> target, Tensor<T>? mask, Tensor<T>? gradient)
    {
        ArgumentNullException.ThrowIfNull(target);
        LossRows.Check(prediction, target, mask, gradient);
        int n = prediction.Rows;
        double counted = LossRows.Counted(mask, n);
        if (counted == 0)
        {
            gradient?.Clear();
            return T.Zero;
        }
        T eps = T.CreateChecked(Epsilon), high = T.One - eps;
        double total = 0;
        for (int r = 0; r < n; r++)
        {
            T w = LossRows.Weight(mask, r);
            var gradRow = gradient is null ? default : gradient.Row(r); // ∂C/∂y (K)
            if (w == T.Zero)
            {
                gradRow.Clear();
                continue;
            }
            ReadOnlySpan<T> y = prediction.Row(r), t = target.Row(r);
            T rowLoss = T.Zero, scale = w / T.CreateChecked(counted);
            for (int k = 0; k < y.Length; k++)
            {
                T p = T.Clamp(y[k], eps, high); // ŷ
                rowLoss -= t[k] * T.Log(p) + (T.One - t[k]) * T.Log(T.One - p);
                if (gradient is not null) gradRow[k] = scale * (p - t[k]) / (p * (T.One - p));
            }
            total += double.CreateChecked(w) * double.CreateChecked(rowLoss);
        }
        return T.CreateChecked(total / counted);
    }
}
