using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// The GRU's element-wise steps for one batch row in PyTorch's form (reset after the product), in float, eight units
/// at a time: the fast kernel of <see cref="Layers.Recurrent.GruCell{T}"/>, whose generic reference steps a test holds
/// these equal to (docs/equations.md#gru). Forward, from the recurrent product
/// s = h_{t−1}·W_hhᵀ and the input projection xp (b_hr, b_hz folded into it):
/// <code>
/// r = σ(xp_r + s_r),  z = σ(xp_z + s_z),  hn = s_n + b_hn,  n = tanh(xp_n + r ⊙ hn),  h_t = n + z ⊙ (h_{t−1} − n)
/// </code>
/// Backward:
/// <code>
/// da_n = dh ⊙ (1 − z) ⊙ (1 − n²);  da_z = dh ⊙ (h_{t−1} − n) ⊙ z(1 − z);  da_r = da_n ⊙ hn ⊙ r(1 − r)
/// dxp = [da_r, da_z, da_n];  dhp = [da_r, da_z, da_n ⊙ r];  dh_{t−1} = dh ⊙ z (before the product with W_hh)
/// </code>
/// Glossary: H units; cache row (r, z, n, hn) (4H); dh = ∂C/∂h_t; da_* the gate pre-activation gradients.
/// The recurrent layer keeps xp, dxp and dhp in the cache row itself (xp and dxp in columns [0, 3H), dhp_n over hn in
/// [3H, 4H)): both rows read all of a unit's inputs before writing any of its outputs, so they may alias it.
/// </summary>
/// <remarks>σ and tanh are <see cref="VectorActivations"/>'; the last H mod 8 units go through MathF.</remarks>
internal static class GruGates
{
    /// <summary>The forward equations of the class summary for one row, vectorised.</summary>
    /// <param name="cache">(4H) receives r, z, n, hn.</param>
    /// <param name="h">(H) receives h_t.</param>
    /// <param name="s">(3H) the recurrent product h_{t−1}·W_hhᵀ, gates r|z|n.</param>
    /// <param name="xp">(3H) the input projection.</param>
    /// <param name="biasN">(H) b_hn, or empty without bias.</param>
    /// <param name="hPrev">(H) h_{t−1}.</param>
    public static void ForwardRow(Span<float> cache, Span<float> h, ReadOnlySpan<float> s, ReadOnlySpan<float> xp,
        ReadOnlySpan<float> biasN, ReadOnlySpan<float> hPrev)
    {
        int hs = h.Length;
        if (cache.Length < 4 * hs || s.Length < 3 * hs || xp.Length < 3 * hs || hPrev.Length < hs || !(biasN.IsEmpty
            || biasN.Length >= hs))
            throw new ArgumentException($"GRU gate row: expected cache (4H), s, xp (3H), hPrev and b_hn (H or empty) " +
                $"with H = {hs}");
        int j = 0;
        if (VectorActivations.IsSupported && hs >= 8)
        {
            ref float rc = ref MemoryMarshal.GetReference(cache);
            ref float rs = ref MemoryMarshal.GetReference(s);
            ref float rx = ref MemoryMarshal.GetReference(xp);
            ref float rb = ref MemoryMarshal.GetReference(biasN);
            ref float rp = ref MemoryMarshal.GetReference(hPrev);
            ref float rh = ref MemoryMarshal.GetReference(h);
            bool bias = !biasN.IsEmpty;
            for (; j <= hs - 8; j += 8)
            {
                nuint u = (nuint)j, n = (nuint)hs;
                var r = VectorActivations.Sigmoid(Vector256.LoadUnsafe(ref rx, u) + Vector256.LoadUnsafe(ref rs, u));
                var z = VectorActivations.Sigmoid(Vector256.LoadUnsafe(ref rx, n + u) + Vector256.LoadUnsafe(ref rs,
                    n + u));
                var hn = Vector256.LoadUnsafe(ref rs, 2 * n + u);
                if (bias) hn += Vector256.LoadUnsafe(ref rb, u);
                var nn = VectorActivations.Tanh(r * hn + Vector256.LoadUnsafe(ref rx, 2 * n + u));
                r.StoreUnsafe(ref rc, u);
                z.StoreUnsafe(ref rc, n + u);
                nn.StoreUnsafe(ref rc, 2 * n + u);
                hn.StoreUnsafe(ref rc, 3 * n + u);
                (z * (Vector256.LoadUnsafe(ref rp, u) - nn) + nn).StoreUnsafe(ref rh, u);
            }
        }
        for (; j < hs; j++) ForwardUnit(cache, h, s, xp, biasN, hPrev, hs, j);
    }

    /// <summary>The backward equations of the class summary for one row, vectorised.</summary>
    /// <param name="dxp">(3H) receives da_r, da_z, da_n.</param>
    /// <param name="dhp">(4H) receives da_r, da_z in [0, 2H) and da_n ⊙ r in [3H, 4H) (the cache row's layout).</param>
    /// <param name="dhpRow">(3H) receives da_r, da_z, da_n ⊙ r contiguous, the A row of the product with W_hh.</param>
    /// <param name="dhPrev">(H) receives dh ⊙ z, the gradient reaching h_{t−1} around the product.</param>
    /// <param name="cache">(4H) r, z, n, hn of the step.</param>
    /// <param name="dh">(H) ∂C/∂h_t.</param>
    /// <param name="hPrev">(H) h_{t−1}.</param>
    public static void BackwardRow(Span<float> dxp, Span<float> dhp, Span<float> dhpRow, Span<float> dhPrev,
        ReadOnlySpan<float> cache,
        ReadOnlySpan<float> dh, ReadOnlySpan<float> hPrev)
    {
        int hs = dh.Length;
        if (dxp.Length < 3 * hs || dhp.Length < 4 * hs || dhpRow.Length < 3 * hs || dhPrev.Length < hs
            || cache.Length < 4 * hs || hPrev.Length < hs)
            throw new ArgumentException($"GRU gate row: expected dxp, dhpRow (3H), dhp, cache (4H), dhPrev, hPrev " +
                $"(H) with H = {hs}");
        int j = 0;
        if (Vector256.IsHardwareAccelerated && hs >= 8)
        {
            ref float rc = ref MemoryMarshal.GetReference(cache);
            ref float rd = ref MemoryMarshal.GetReference(dh);
            ref float rp = ref MemoryMarshal.GetReference(hPrev);
            ref float rx = ref MemoryMarshal.GetReference(dxp);
            ref float rhp = ref MemoryMarshal.GetReference(dhp);
            ref float rrow = ref MemoryMarshal.GetReference(dhpRow);
            ref float rdp = ref MemoryMarshal.GetReference(dhPrev);
            var one = Vector256<float>.One;
            for (; j <= hs - 8; j += 8)
            {
                nuint u = (nuint)j, n = (nuint)hs;
                var r = Vector256.LoadUnsafe(ref rc, u);
                var z = Vector256.LoadUnsafe(ref rc, n + u);
                var nn = Vector256.LoadUnsafe(ref rc, 2 * n + u);
                var dhj = Vector256.LoadUnsafe(ref rd, u);
                var daN = dhj * (one - z) * (one - nn * nn);
                var daZ = dhj * (Vector256.LoadUnsafe(ref rp, u) - nn) * z * (one - z);
                var daR = daN * Vector256.LoadUnsafe(ref rc, 3 * n + u) * r * (one - r);
                var dhpN = daN * r;
                daR.StoreUnsafe(ref rx, u);
                daZ.StoreUnsafe(ref rx, n + u);
                daN.StoreUnsafe(ref rx, 2 * n + u);
                daR.StoreUnsafe(ref rhp, u);
                daZ.StoreUnsafe(ref rhp, n + u);
                dhpN.StoreUnsafe(ref rhp, 3 * n + u);
                daR.StoreUnsafe(ref rrow, u);
                daZ.StoreUnsafe(ref rrow, n + u);
                dhpN.StoreUnsafe(ref rrow, 2 * n + u);
                (dhj * z).StoreUnsafe(ref rdp, u);
            }
        }
        for (; j < hs; j++) BackwardUnit(dxp, dhp, dhpRow, dhPrev, cache, dh, hPrev, hs, j);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForwardUnit(Span<float> cache, Span<float> h, ReadOnlySpan<float> s, ReadOnlySpan<float> xp,
        ReadOnlySpan<float> biasN, ReadOnlySpan<float> hPrev, int hs, int j)
    {
        float r = 1 / (1 + MathF.Exp(-(xp[j] + s[j])));
        float z = 1 / (1 + MathF.Exp(-(xp[hs + j] + s[hs + j])));
        float hn = biasN.IsEmpty ? s[2 * hs + j] : s[2 * hs + j] + biasN[j];
        float n = MathF.Tanh(r * hn + xp[2 * hs + j]);
        (cache[j], cache[hs + j], cache[2 * hs + j], cache[3 * hs + j]) = (r, z, n, hn);
        h[j] = z * (hPrev[j] - n) + n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BackwardUnit(Span<float> dxp, Span<float> dhp, Span<float> dhpRow, Span<float> dhPrev,
        ReadOnlySpan<float> cache, ReadOnlySpan<float> dh, ReadOnlySpan<float> hPrev, int hs, int j)
    {
        float r = cache[j], z = cache[hs + j], n = cache[2 * hs + j], hn = cache[3 * hs + j], dhj = dh[j];
        float daN = dhj * (1 - z) * (1 - n * n);
        float daZ = dhj * (hPrev[j] - n) * z * (1 - z);
        float daR = daN * hn * r * (1 - r);
        (dxp[j], dxp[hs + j], dxp[2 * hs + j]) = (daR, daZ, daN);
        (dhp[j], dhp[hs + j], dhp[3 * hs + j]) = (daR, daZ, daN * r);
        (dhpRow[j], dhpRow[hs + j], dhpRow[2 * hs + j]) = (daR, daZ, daN * r);
        dhPrev[j] = dhj * z;
    }
}
