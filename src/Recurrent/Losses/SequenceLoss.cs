using System.Buffers;

namespace Recurrent.Losses;

/// <summary>
/// A loss on sequence-shaped tensors (docs/equations.md#losses): a prediction of per-step outputs (T, B, K),
/// time-major, or of per-sequence outputs (B, K), scored against <see cref="SequenceTargets{T}"/>, with an optional
/// mask of 0/1 (1 = counted, 0 = padding) of shape (T, B) (or flattened (T·B)) or (B). Row r = t·B + b is one
/// (step, sequence).
/// </summary>
/// <remarks>
/// <para>The value is a mean over what is counted. Class losses (<see cref="UsesClassTargets"/>) average over counted
/// rows: C = (1 / Σ_r w_r) Σ_r w_r ℓ_r. Value losses average over counted elements, rows × K:
/// C = (1 / (K Σ_r w_r)) Σ_r w_r Σ_k ℓ_rk. With w_r = mask[r] (1 without a mask), so other non-negative mask values
/// weight rows.</para>
/// <para>The gradient ∂C/∂prediction is written over the gradient tensor (the prediction's shape); masked rows get
/// zeros and are never read, so padding may hold anything, even NaN. When nothing is counted (Σ_r w_r = 0, or K = 0
/// for a value loss) the value is 0 and the gradient 0.</para>
/// <para>An instance is not safe for concurrent calls (cross-entropy keeps a worker job); use one per thread.</para>
/// </remarks>
/// <typeparam name="T">float for training, double for gradient checks; the same code runs both.</typeparam>
public abstract class SequenceLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private protected SequenceLoss() { }

    /// <summary>Which loss this is.</summary>
    public abstract LossKind Kind { get; }

    /// <summary>Short name for tables and logs, e.g. "cross-entropy", "mse".</summary>
    public abstract string Name { get; }

    /// <summary>True when the loss takes class ids (and averages over rows); false when it takes values (and
    /// averages over rows × K).</summary>
    public abstract bool UsesClassTargets { get; }

    /// <summary>Creates the loss of <paramref name="kind"/> with its default options.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static SequenceLoss<T> Create(LossKind kind) => kind switch
    {
        LossKind.CrossEntropy => new CrossEntropyLoss<T>(),
        LossKind.MeanSquaredError => new MeanSquaredErrorLoss<T>(),
        LossKind.MeanAbsoluteError => new MeanAbsoluteErrorLoss<T>(),
        LossKind.Huber => new HuberLoss<T>(),
        LossKind.BinaryCrossEntropyWithLogits => new BinaryCrossEntropyWithLogitsLoss<T>(),
        LossKind.Pinball => new PinballLoss<T>(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"unknown loss kind {kind}"),
    };

    /// <summary>
    /// Returns the loss of <paramref name="prediction"/> against <paramref name="targets"/> and, when
    /// <paramref name="gradient"/> is given, overwrites it with ∂loss/∂prediction.
    /// </summary>
    /// <param name="prediction">(T, B, K) per-step outputs or (B, K) per-sequence outputs (logits for the fused
    /// cross-entropies).</param>
    /// <param name="targets">Class ids (T·B) or (B), or values of the prediction's shape; an <c>int[]</c> or a tensor
    /// converts implicitly.</param>
    /// <param name="mask">(T, B), (T·B) or (B): 1 = counted, 0 = padding; null counts every row.</param>
    /// <param name="gradient">The prediction's shape; receives ∂loss/∂prediction. Null for the value only.</param>
    /// <exception cref="ShapeMismatchException">A shape disagrees; the message says what was expected and what came.
    /// </exception>
    /// <exception cref="ArgumentException">Class ids given to a value loss, or values to a class loss.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A counted row's class id is outside [0, K).</exception>
    public T Compute(Tensor<T> prediction, SequenceTargets<T> targets, Tensor<T>? mask = null,
        Tensor<T>? gradient = null)
    {
        var (rows, k) = SequenceRows.Check(prediction, targets, mask, gradient, Name, UsesClassTargets);
        double denominator = Denominator(targets, mask, rows, k);
        if (denominator == 0)
        {
            gradient?.Clear();
            return T.Zero;
        }
        if (TryComputeFused(prediction, targets, mask, gradient, rows, k, out T fused)) return fused;

        T[]? scratch = gradient is null ? ArrayPool<T>.Shared.Rent(k) : null; // (K) gradient row nobody reads
        try
        {
            var ids = targets.ClassIds.Span;
            double total = 0;
            for (int r = 0; r < rows; r++)
            {
                T w = SequenceRows.Weight(mask, r);
                var g = gradient is null ? scratch.AsSpan(0, k) : SequenceRows.Row(gradient, r, k); // (K)
                if (w == T.Zero)
                {
                    g.Clear();
                    continue;
                }
                ReadOnlySpan<T> target = targets.ValueTensor is null ? default
                    : SequenceRows.Row(targets.ValueTensor, r, k);
                double row = Row(SequenceRows.Row(prediction, r, k), ids.IsEmpty ? -1 : ids[r], target, g,
                    w / T.CreateChecked(denominator));
                total += double.CreateChecked(w) * row;
            }
            return T.CreateChecked(total / denominator);
        }
        finally
        {
            if (scratch is not null) ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// One counted row: returns Σ_k ℓ_rk (a class loss: ℓ_r) and writes <paramref name="scale"/> · ∂(Σ_k ℓ_rk)/∂y_r
    /// into <paramref name="gradient"/>, where scale = w_r / (Σ_r w_r) or w_r / (K Σ_r w_r).
    /// </summary>
    /// <param name="classId">c_r for a class loss (in range), −1 for a value loss.</param>
    /// <param name="target">t_r (K) for a value loss, empty for a class loss.</param>
    internal abstract double Row(ReadOnlySpan<T> prediction, int classId, ReadOnlySpan<T> target, Span<T> gradient,
        T scale);

    /// <summary>
    /// What <see cref="Compute"/> divides the summed loss by: the counted rows (their total class weight for a
    /// weighted cross-entropy), times K for the value losses. Data-parallel training weighs each rank's mean by it, so
    /// that the ranks' shares of a batch make the mean of the whole batch.
    /// </summary>
    internal double Denominator(Tensor<T> prediction, SequenceTargets<T> targets, Tensor<T>? mask)
    {
        var (rows, k) = SequenceRows.Check(prediction, targets, mask, null, Name, UsesClassTargets);
        return Denominator(targets, mask, rows, k);
    }

    private double Denominator(SequenceTargets<T> targets, Tensor<T>? mask, int rows, int k)
    {
        double counted = SequenceRows.Counted(mask, rows);
        return UsesClassTargets ? ClassDenominator(targets.ClassIds.Span, mask, rows, k, counted) : counted * k;
    }

    /// <summary>A class loss's denominator (arguments checked): Σ_r w_r, <paramref name="counted"/>, unless the loss
    /// weighs rows further (cross-entropy's class weights: Σ_r w_r a_{c_r}).</summary>
    internal virtual double ClassDenominator(ReadOnlySpan<int> classIds, Tensor<T>? mask, int rows, int k,
        double counted) => counted;

    /// <summary>A faster whole-batch path for some cases (arguments checked, something counted); false to use
    /// <see cref="Row"/>.</summary>
    internal virtual bool TryComputeFused(Tensor<T> prediction, SequenceTargets<T> targets, Tensor<T>? mask,
        Tensor<T>? gradient, int rows, int k, out T value)
    {
        value = T.Zero;
        return false;
    }
}
