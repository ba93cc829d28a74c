namespace Recurrent.Losses;

/// <summary>
/// Softmax and cross-entropy fused, on logits z (K per row) and class ids c_r, with optional label smoothing ε: the
/// target distribution is q_r = (1 − ε) e_{c_r} + ε/K. Averaged over counted rows:
/// ℓ_r = lse_r − Σ_k q_rk z_rk = lse_r − (1 − ε) z_r,c_r − (ε/K) Σ_k z_rk, with lse_r = m + ln Σ_k e^{z_rk − m},
/// m = max_k z_rk (stable for logits like 1000); C = (1 / Σ_r w_r) Σ_r w_r ℓ_r;
/// ∂C/∂z_rk = w_r (softmax(z_r)_k − q_rk) / Σ_r w_r.
/// </summary>
/// <remarks>ε = 0 is plain cross-entropy and runs the fused row kernel of <see cref="SoftmaxCrossEntropy{T}"/>
/// (multi-threaded for float). Label smoothing matches torch.nn.CrossEntropyLoss(label_smoothing = ε).</remarks>
public sealed class CrossEntropyLoss<T> : SequenceLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _smoothing; // ε
    private SoftmaxCrossEntropy<T>? _plain; // ε = 0: the (N, K) loss's fused kernel
    private readonly ReshapeCache<T> _rows = new(), _maskRows = new(), _gradientRows = new(); // views, made once

    /// <summary>Creates the loss.</summary>
    /// <param name="labelSmoothing">ε ∈ [0, 1]: the mass spread evenly over all K classes (default 0, none).</param>
    /// <exception cref="ArgumentOutOfRangeException">ε is outside [0, 1].</exception>
    public CrossEntropyLoss(double labelSmoothing = 0)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing,
                $"label smoothing must be in [0, 1], got {labelSmoothing}");
        LabelSmoothing = labelSmoothing;
        _smoothing = T.CreateChecked(labelSmoothing);
    }

    /// <summary>ε, the label smoothing.</summary>
    public double LabelSmoothing { get; }

    /// <inheritdoc/>
    public override LossKind Kind => LossKind.CrossEntropy;

    /// <inheritdoc/>
    public override string Name => "cross-entropy";

    /// <inheritdoc/>
    public override bool UsesClassTargets => true;

    internal override double Row(ReadOnlySpan<T> prediction, int classId, ReadOnlySpan<T> target, Span<T> gradient,
        T scale)
    {
        var p = gradient; // (K): z − m, then e^{z − m}, then the gradient
        T k = T.CreateChecked(p.Length);
        TensorPrimitives.Subtract(prediction, TensorPrimitives.Max(prediction), p);
        // Σ_k q_k (z_k − m), on shifted logits so no large terms cancel
        T targetDot = (T.One - _smoothing) * p[classId];
        if (_smoothing != T.Zero) targetDot += _smoothing / k * TensorPrimitives.Sum<T>(p);
        TensorPrimitives.Exp<T>(p, p);
        T s = TensorPrimitives.Sum<T>(p); // Σ e^{z − m} ≥ 1
        double loss = double.CreateChecked(T.Log(s) - targetDot);

        TensorPrimitives.Multiply(p, scale / s, p); // scale · softmax
        if (_smoothing != T.Zero) TensorPrimitives.Add(p, -scale * _smoothing / k, p);
        p[classId] -= scale * (T.One - _smoothing);
        return loss;
    }

    internal override bool TryComputeFused(Tensor<T> prediction, SequenceTargets<T> targets, Tensor<T>? mask,
        Tensor<T>? gradient, int rows, int k, out T value)
    {
        value = T.Zero;
        if (_smoothing != T.Zero) return false;
        _plain ??= new SoftmaxCrossEntropy<T>();
        value = _plain.Compute(_rows.View(prediction, rows, k), targets.ClassIds.Span,
            mask is null ? null : _maskRows.View(mask, rows), gradient is null ? null
                : _gradientRows.View(gradient, rows, k));
        return true;
    }
}
