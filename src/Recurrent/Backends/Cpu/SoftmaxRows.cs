using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// One row of softmax cross-entropy on a class target, float, fused into three passes over the row (max; e^{z − m}
/// and its sum; the gradient's scaling) on the float exp of <see cref="VectorActivations"/>:
/// <code>
/// m = max_k z_k;  e_k = e^{z_k − m};  s = Σ_k e_k;  ℓ = ln s − (z_c − m);  p_k = e_k · scale / s − scale·[k = c]
/// </code>
/// where scale = w / Σw is the row's share of the mean (<see cref="Losses.SoftmaxCrossEntropy{T}"/>'s equations with a
/// one-hot target). The row's tail past a multiple of 8 goes through masked loads and stores, so every element takes
/// the same exp. <see cref="CrossEntropyRowReference"/> is the MathF twin the tests hold it to.
/// </summary>
internal static class SoftmaxRows
{
    /// <summary>Writes p (the gradient row; may be z itself) and returns ℓ for one row.</summary>
    /// <param name="z">(K) logits.</param>
    /// <param name="p">(K) receives ∂C/∂z of the row; callers that want only ℓ pass a scratch row.</param>
    /// <param name="target">c, in [0, K).</param>
    /// <param name="scale">w / Σw.</param>
    public static unsafe float CrossEntropyRow(ReadOnlySpan<float> z, Span<float> p, int target, float scale)
    {
        int k = z.Length;
        if (!VectorActivations.IsSupported || k < 8) return CrossEntropyRowReference(z, p, target, scale);
        if (p.Length < k || (uint)target >= (uint)k)
            throw new ArgumentException($"softmax row: expected p of {k} values and a class in [0, {k})");
        int full = k & ~7, tail = k - full;
        var mask = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(tail)).AsSingle();
        fixed (float* pz = z, pp = p)
        {
            var max = Vector256.Create(float.NegativeInfinity);
            for (int j = 0; j < full; j += 8) max = Avx.Max(max, Avx.LoadVector256(pz + j));
            if (tail > 0) max = Avx.Max(max, Avx.BlendVariable(max, Avx.MaskLoad(pz + full, mask), mask));
            float m = HorizontalMax(max);
            float shiftedTarget = pz[target] - m; // read before p overwrites z when they are one row
            var vm = Vector256.Create(m);
            var sum = Vector256<float>.Zero;
            for (int j = 0; j < full; j += 8)
            {
                var e = VectorActivations.Exp(Avx.LoadVector256(pz + j) - vm);
                sum += e;
                Avx.Store(pp + j, e);
            }
            if (tail > 0)
            {
                var e = Avx.And(VectorActivations.Exp(Avx.MaskLoad(pz + full, mask) - vm), mask);
                sum += e;
                Avx.MaskStore(pp + full, mask, e);
            }
            float s = Vector256.Sum(sum);
            var factor = Vector256.Create(scale / s);
            for (int j = 0; j < full; j += 8) Avx.Store(pp + j, Avx.LoadVector256(pp + j) * factor);
            if (tail > 0) Avx.MaskStore(pp + full, mask, Avx.MaskLoad(pp + full, mask) * factor);
            pp[target] -= scale;
            return MathF.Log(s) - shiftedTarget;
        }
    }

    /// <summary>The same row one element at a time with MathF.Exp: the reference <see cref="CrossEntropyRow"/> is
    /// tested against.</summary>
    public static float CrossEntropyRowReference(ReadOnlySpan<float> z, Span<float> p, int target, float scale)
    {
        int k = z.Length;
        if (p.Length < k || (uint)target >= (uint)k)
            throw new ArgumentException($"softmax row: expected p of {k} values and a class in [0, {k})");
        float m = float.NegativeInfinity;
        for (int j = 0; j < k; j++) m = MathF.Max(m, z[j]);
        float s = 0, shiftedTarget = z[target] - m;
        for (int j = 0; j < k; j++)
        {
            p[j] = MathF.Exp(z[j] - m);
            s += p[j];
        }
        float factor = scale / s;
        for (int j = 0; j < k; j++) p[j] *= factor;
        p[target] -= scale;
        return MathF.Log(s) - shiftedTarget;
    }

    private static float HorizontalMax(Vector256<float> v)
    {
        var m = Sse.Max(v.GetLower(), v.GetUpper());
        m = Sse.Max(m, Sse.Shuffle(m, m, 0b_01_00_11_10));
        m = Sse.Max(m, Sse.Shuffle(m, m, 0b_10_11_00_01));
        return m.ToScalar();
    }
}
