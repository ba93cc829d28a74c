using Recurrent.Backends.Cpu;

namespace Recurrent.Losses;

/// <summary>
/// Softmax and negative log-likelihood fused, on logits z (N, K), averaged over the counted rows:
/// ℓ_r = Σ_k t_rk (lse_r − z_rk) with lse_r = m + ln Σ_k e^{z_rk − m}, m = max_k z_rk (stable for logits like 1000);
/// C = (1 / Σ_r w_r) Σ_r w_r ℓ_r;  ∂C/∂z_rk = w_r (softmax(z_r)_k Σ_j t_rj − t_rk) / Σ_r w_r,
/// which is softmax − target for targets that sum to 1 (one-hot or probabilities).
/// </summary>
/// <remarks>Not thread-safe: keeps a row buffer for value-only calls. The gradient may be the logits themselves: each
/// row is read before it is written, so ∂C/∂z can replace z in place when nothing reads z afterwards.</remarks>
public sealed class SoftmaxCrossEntropy<T> : ILoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[]? _scratch; // (K) e^{z − m}, then the softmax, when no gradient is asked for
    private SoftmaxCrossEntropyJob? _job; // float class targets: fused rows on the GEMM workers

    /// <inheritdoc/>
    public string Name => "softmax-ce";

    /// <summary>Targets as rows of probabilities (one-hot or soft). See the class remarks for the equations.</summary>
    /// <param name="prediction">Logits z (N, K).</param>
    public T Compute(Tensor<T> prediction, Tensor<T> target, Tensor<T>? mask, Tensor<T>? gradient)
    {
        ArgumentNullException.ThrowIfNull(target);
        LossRows.Check(prediction, target, mask, gradient);
        return Run(prediction, target, default, mask, gradient);
    }

    /// <summary>
    /// Targets as class indices: ℓ_r = lse_r − z_r,c_r and ∂C/∂z_r = w_r (softmax(z_r) − onehot(c_r)) / Σ_r w_r.
    /// The classes of masked rows (w_r = 0) are not read, so padding may hold any value (e.g. −1).
    /// </summary>
    /// <param name="logits">z (N, K).</param>
    /// <param name="classes">c (N), each in [0, K).</param>
    /// <exception cref="ArgumentOutOfRangeException">A counted row's class is outside [0, K).</exception>
    public T Compute(Tensor<T> logits, ReadOnlySpan<int> classes, Tensor<T>? mask, Tensor<T>? gradient)
    {
        LossRows.Check(logits, null, mask, gradient);
        if (classes.Length != logits.Rows)
            throw new ShapeMismatchException($"classes: expected (N) = ({logits.Rows}), got ({classes.Length})");
        int k = logits.RowLength;
        for (int r = 0; r < classes.Length; r++)
            if (LossRows.Weight(mask, r) != T.Zero && (uint)classes[r] >= (uint)k)
                throw new ArgumentOutOfRangeException(nameof(classes),
                    $"classes[{r}] = {classes[r]} is outside [0, {k}) for logits of {k} classes");
        if (typeof(T) == typeof(float) && SoftmaxCrossEntropyJob.IsSupported
            && LossRows.Counted(mask, logits.Rows) is double counted && counted != 0)
        {
            // training's float path: the fused row kernel on every core (SoftmaxRows, tested against this class's own
            // rows)
            _job ??= new SoftmaxCrossEntropyJob();
            return T.CreateChecked(_job.Run((Tensor<float>)(object)logits,
                classes, (Tensor<float>?)(object?)mask, (Tensor<float>?)(object?)gradient, counted));
        }
        return Run(logits, null, classes, mask, gradient);
    }

    /// <summary>One pass for both target forms: exactly one of <paramref name="target"/> and <paramref name="classes"/>
    /// is used.</summary>
    private T Run(Tensor<T> logits, Tensor<T>? target, ReadOnlySpan<int> classes, Tensor<T>? mask, Tensor<T>? gradient)
    {
        int n = logits.Rows, k = logits.RowLength;
        double counted = LossRows.Counted(mask, n);
        if (counted == 0)
        {
            gradient?.Clear();
            return T.Zero;
        }
        double total = 0;
        for (int r = 0; r < n; r++)
        {
            T w = LossRows.Weight(mask, r);
            var p = gradient is null ? LossRows.Scratch(ref _scratch, k) : gradient.Row(r); // (K)
            if (w == T.Zero)
            {
                p.Clear();
                continue;
            }
            ReadOnlySpan<T> z = logits.Row(r);
            T max = TensorPrimitives.Max(z);
            TensorPrimitives.Subtract(z, max, p); // z − m
            // ℓ = Σ t (lse − z) = ln s · Σt − Σ t (z − m), written on shifted logits so no large terms cancel
            T targetSum, targetDotShifted;
            if (target is null)
            {
                targetSum = T.One;
                targetDotShifted = p[classes[r]];
            }
            else
            {
                targetSum = TensorPrimitives.Sum<T>(target.Row(r));
                targetDotShifted = TensorPrimitives.Dot<T>(target.Row(r), p);
            }
            TensorPrimitives.Exp<T>(p, p);
            T s = TensorPrimitives.Sum<T>(p); // Σ e^{z − m} ≥ 1
            total += double.CreateChecked(w) * double.CreateChecked(T.Log(s) * targetSum - targetDotShifted);
            if (gradient is null) continue;

            // ∂C/∂z = (softmax · Σt − t) · w / Σw
            T scale = w / T.CreateChecked(counted);
            TensorPrimitives.Multiply(p, scale * targetSum / s, p);
            if (target is null) p[classes[r]] -= scale;
            else TensorPrimitives.MultiplyAdd<T>(target.Row(r), -scale, p, p);
        }
        return T.CreateChecked(total / counted);
    }
}
