namespace Recurrent.Losses;

/// <summary>
/// Softmax and cross-entropy fused, on logits z (K per row) and class ids c_r, with optional label smoothing ε and
/// optional class weights a (K). The target distribution is q_r = (1 − ε) e_{c_r} + ε/K. Without class weights,
/// averaged over counted rows:
/// ℓ_r = lse_r − Σ_k q_rk z_rk = lse_r − (1 − ε) z_r,c_r − (ε/K) Σ_k z_rk, with lse_r = m + ln Σ_k e^{z_rk − m},
/// m = max_k z_rk (stable for logits like 1000); C = (1 / Σ_r w_r) Σ_r w_r ℓ_r;
/// ∂C/∂z_rk = w_r (softmax(z_r)_k − q_rk) / Σ_r w_r.
/// With class weights (torch.nn.CrossEntropyLoss(weight = a, label_smoothing = ε), reduction 'mean'):
/// ℓ_r = (1 − ε) a_{c_r} (lse_r − z_r,c_r) + (ε/K) Σ_k a_k (lse_r − z_rk), C = Σ_r w_r ℓ_r / Σ_r w_r a_{c_r};
/// ∂C/∂z_rk = w_r (σ_r softmax(z_r)_k − (1 − ε) a_{c_r} [k = c_r] − (ε/K) a_k) / Σ_r w_r a_{c_r},
/// σ_r = (1 − ε) a_{c_r} + (ε/K) Σ_j a_j.
/// </summary>
/// <remarks>ε = 0 without class weights is plain cross-entropy and runs the fused row kernel of
/// <see cref="SoftmaxCrossEntropy{T}"/> (multi-threaded for float). Label smoothing and class weights match
/// torch.nn.CrossEntropyLoss. Class weights of all 1 are the unweighted loss (the same code, the same bits). When the
/// counted rows' classes all weigh 0 (Σ_r w_r a_{c_r} = 0) the value is 0 and the gradient 0, where PyTorch would
/// give NaN.</remarks>
public sealed class CrossEntropyLoss<T> : SequenceLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _smoothing; // ε
    private readonly float[]? _classWeights; // a (K) as given; null when none or all 1
    private readonly T[]? _weights; // a (K) in T
    private readonly T _weightSum; // Σ_k a_k
    private SoftmaxCrossEntropy<T>? _plain; // ε = 0, no class weights: the (N, K) loss's fused kernel
    private readonly ReshapeCache<T> _rows = new(), _maskRows = new(), _gradientRows = new(); // views, made once

    /// <summary>Creates the loss.</summary>
    /// <param name="labelSmoothing">ε ∈ [0, 1]: the mass spread evenly over all K classes (default 0, none).</param>
    /// <param name="classWeights">a (K): the weight of each class, finite, ≥ 0 and not all 0; null (default) weighs
    /// every class 1. Copied. See <see cref="Data.ClassWeights.InverseFrequency"/> for imbalanced labels.</param>
    /// <exception cref="ArgumentOutOfRangeException">ε is outside [0, 1].</exception>
    /// <exception cref="ArgumentException">A class weight is negative or not finite, or every one is 0.</exception>
    public CrossEntropyLoss(double labelSmoothing = 0, float[]? classWeights = null)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing,
                $"label smoothing must be in [0, 1], got {labelSmoothing}");
        LabelSmoothing = labelSmoothing;
        _smoothing = T.CreateChecked(labelSmoothing);
        if (classWeights is null) return;
        Data.ClassWeights.Validate(classWeights, nameof(classWeights));
        if (Array.TrueForAll(classWeights, a => a == 1)) return; // the unweighted loss, fast path included
        _classWeights = (float[])classWeights.Clone();
        _weights = Array.ConvertAll(_classWeights, T.CreateChecked);
        _weightSum = TensorPrimitives.Sum<T>(_weights);
    }

    /// <summary>ε, the label smoothing.</summary>
    public double LabelSmoothing { get; }

    /// <summary>a (K), the class weights (a copy); null when none were given or all were 1.</summary>
    public IReadOnlyList<float>? ClassWeights => _classWeights is null ? null : Array.AsReadOnly(_classWeights);

    /// <inheritdoc/>
    public override LossKind Kind => LossKind.CrossEntropy;

    /// <inheritdoc/>
    public override string Name => "cross-entropy";

    /// <inheritdoc/>
    public override bool UsesClassTargets => true;

    /// <summary>Σ_r w_r a_{c_r} over counted rows, after checking a has K entries; Σ_r w_r without class weights.
    /// </summary>
    internal override double ClassDenominator(ReadOnlySpan<int> classIds, Tensor<T>? mask, int rows, int k,
        double counted)
    {
        if (_weights is null) return counted;
        if (_weights.Length != k)
            throw new ShapeMismatchException(
                $"class weights: expected (K) = ({k}) for predictions of {k} classes, got ({_weights.Length})");
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            T w = SequenceRows.Weight(mask, r);
            if (w != T.Zero) total += double.CreateChecked(w * _weights[classIds[r]]);
        }
        return total;
    }

    internal override double Row(ReadOnlySpan<T> prediction, int classId, ReadOnlySpan<T> target, Span<T> gradient,
        T scale)
    {
        if (_weights is not null) return WeightedRow(prediction, classId, gradient, scale);
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

    /// <summary>The class-weighted row (class summary): returns ℓ_r = σ_r (lse_r − m) − Σ_k b_k (z_rk − m) with
    /// b = (1 − ε) a_{c_r} e_{c_r} + (ε/K) a, and writes scale · (σ_r softmax(z_r) − b).</summary>
    private double WeightedRow(ReadOnlySpan<T> prediction, int classId, Span<T> gradient, T scale)
    {
        var a = _weights!; // (K)
        var p = gradient; // (K): z − m, then e^{z − m}, then the gradient
        T k = T.CreateChecked(p.Length);
        T own = (T.One - _smoothing) * a[classId]; // (1 − ε) a_c
        T spread = _smoothing / k; // ε/K
        T sigma = own + spread * _weightSum;
        TensorPrimitives.Subtract(prediction, TensorPrimitives.Max(prediction), p);
        T targetDot = own * p[classId]; // Σ_k b_k (z_k − m), on shifted logits
        if (_smoothing != T.Zero) targetDot += spread * TensorPrimitives.Dot<T>(a, p);
        TensorPrimitives.Exp<T>(p, p);
        T s = TensorPrimitives.Sum<T>(p); // Σ e^{z − m} ≥ 1
        double loss = double.CreateChecked(sigma * T.Log(s) - targetDot);

        TensorPrimitives.Multiply(p, scale * sigma / s, p); // scale · σ · softmax
        if (_smoothing != T.Zero) TensorPrimitives.MultiplyAdd<T>(a, -scale * spread, p, p);
        p[classId] -= scale * own;
        return loss;
    }

    internal override bool TryComputeFused(Tensor<T> prediction, SequenceTargets<T> targets, Tensor<T>? mask,
        Tensor<T>? gradient, int rows, int k, out T value)
    {
        value = T.Zero;
        if (_smoothing != T.Zero || _weights is not null) return false;
        _plain ??= new SoftmaxCrossEntropy<T>();
        value = _plain.Compute(_rows.View(prediction, rows, k), targets.ClassIds.Span,
            mask is null ? null : _maskRows.View(mask, rows), gradient is null ? null
                : _gradientRows.View(gradient, rows, k));
        return true;
    }
}
