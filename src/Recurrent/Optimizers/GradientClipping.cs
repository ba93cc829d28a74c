namespace Recurrent.Optimizers;

/// <summary>Gradient clipping, applied to the flat gradient vector between backward and the optimizer step.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Rescales <paramref name="gradients"/> so that their global L2 norm is at most <paramref name="maxNorm"/>,
    /// as torch.nn.utils.clip_grad_norm_: with n = ‖g‖₂, when n &gt; maxNorm, g ← g · maxNorm / n; otherwise g is
    /// left as it is. Returns n, the norm before clipping (log it: spikes reveal exploding gradients).
    /// </summary>
    /// <remarks>
    /// Unlike PyTorch, the scale is maxNorm / n rather than maxNorm / (n + 1e-6), so the norm after clipping is
    /// maxNorm (to rounding), and gradients already within the bound are never touched.
    /// A non-finite norm (a NaN or ±∞ in the gradients) leaves the gradients unchanged and is returned as is, so
    /// the caller can see it and skip the step; PyTorch would instead scale every gradient to NaN. When every
    /// gradient is finite but the sum of squares overflows T (float beyond ~1.8e19), the norm is recomputed in
    /// double with scaling, so a huge but finite gradient is still clipped.
    /// </remarks>
    public static double ClipByGlobalNorm<T>(Span<T> gradients, double maxNorm) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        OptionCheck.Positive(maxNorm, "maximum gradient norm", nameof(maxNorm));
        double norm = double.CreateChecked(TensorPrimitives.Norm<T>(gradients));
        if (double.IsPositiveInfinity(norm) && AllFinite(gradients)) norm = ScaledNorm(gradients);
        if (!double.IsFinite(norm) || norm <= maxNorm) return norm;
        TensorPrimitives.Multiply(gradients, T.CreateChecked(maxNorm / norm), gradients);
        return norm;
    }

    /// <summary>
    /// Clamps every gradient into [−limit, +limit], as torch.nn.utils.clip_grad_value_. NaN stays NaN.
    /// </summary>
    public static void ClipByValue<T>(Span<T> gradients, double limit) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OptionCheck.Positive(limit, "gradient clipping limit", nameof(limit));
        T bound = T.CreateChecked(limit);
        TensorPrimitives.Clamp<T>(gradients, -bound, bound, gradients);
    }

    private static bool AllFinite<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var x in values) if (!T.IsFinite(x)) return false;
        return true;
    }

    /// <summary>‖g‖₂ = s·‖g/s‖₂ with s = max |gᵢ|, in double: cannot overflow when every entry is finite. Rare
    /// path.</summary>
    private static double ScaledNorm<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double scale = 0;
        foreach (var x in values) scale = Math.Max(scale, Math.Abs(double.CreateChecked(x)));
        if (scale == 0) return 0;
        double sum = 0;
        foreach (var x in values)
        {
            double r = double.CreateChecked(x) / scale;
            sum += r * r;
        }
        return scale * Math.Sqrt(sum);
    }
}
