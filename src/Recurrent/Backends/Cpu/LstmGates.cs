using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// The LSTM's element-wise steps for one batch row without peepholes, in float, eight units at a time: the fast
/// kernel of <see cref="Layers.Recurrent.LstmCell{T}"/>, whose generic gates are the reference a test holds these
/// equal to (docs/equations.md#lstm). Forward, from the recurrent product
/// the pre-activations a = xp + h_{t−1}·W_hhᵀ (the product lands on xp in the cache's gate columns):
/// <code>
/// i = σ(a_i),  f = σ(a_f),  g = tanh(a_g),  o = σ(a_o)
/// c_t = f ⊙ c_{t−1} + i ⊙ g,  tc = tanh(c_t),  h_t = o ⊙ tc
/// </code>
/// Backward:
/// <code>
/// da_o = dh ⊙ tc ⊙ o(1 − o);  dct = dc + dh ⊙ o ⊙ (1 − tc²)
/// da_i = dct ⊙ g ⊙ i(1 − i);  da_f = dct ⊙ c_{t−1} ⊙ f(1 − f);  da_g = dct ⊙ i ⊙ (1 − g²);  dc_{t−1} = dct ⊙ f
/// </code>
/// Glossary: H units; cache row (i, f, g, o, tc) (5H); da (4H) the gate pre-activation gradients i|f|g|o.
/// da may be the cache row itself (the recurrent layer writes dxp over its cache): both twins read a unit's five
/// values before they write its four gradients.
/// </summary>
/// <remarks>
/// σ and tanh are <see cref="VectorActivations"/>' (a rational fit for tanh, σ from it); the last H mod 8 units
/// go through MathF. One pass per row instead of eight span passes.
/// </remarks>
internal static class LstmGates
{
    /// <summary>The forward equations of the class summary for one row, vectorised.</summary>
    /// <param name="cache">(5H) in: the pre-activations a = xp + s (4H, gates i|f|g|o); out: i, f, g, o, tanh
    /// c_t.</param>
    /// <param name="c">(H) receives c_t.</param>
    /// <param name="h">(H) receives h_t.</param>
    /// <param name="cPrev">(H) c_{t−1}.</param>
    public static void ForwardRow(Span<float> cache, Span<float> c, Span<float> h, ReadOnlySpan<float> cPrev)
    {
        int hs = h.Length;
        if (cache.Length < 5 * hs || c.Length < hs || cPrev.Length < hs)
            throw new ArgumentException($"LSTM gate row: expected cache (5H), c, cPrev (H) with H = {hs}");
        int j = 0;
        if (VectorActivations.IsSupported && hs >= 8)
        {
            ref float rc = ref MemoryMarshal.GetReference(cache);
            ref float rcp = ref MemoryMarshal.GetReference(cPrev);
            ref float rct = ref MemoryMarshal.GetReference(c);
            ref float rh = ref MemoryMarshal.GetReference(h);
            int vectorUnits = hs & ~7;
            nuint n = (nuint)hs;
            // Gate by gate first, then the cell: one unit's chain (g's tanh, then c_t, then tanh c_t) is long, and a
            // loop body holding all of it kept about one iteration in flight; short bodies let the core overlap many
            // (the same operations on every value, so the same bits).
            Activate(ref rc, 0, vectorUnits, tanh: false);     // i
            Activate(ref rc, n, vectorUnits, tanh: false);     // f
            Activate(ref rc, 2 * n, vectorUnits, tanh: true);  // g
            Activate(ref rc, 3 * n, vectorUnits, tanh: false); // o
            for (; j < vectorUnits; j += 8)
            {
                nuint u = (nuint)j;
                var ct = Vector256.LoadUnsafe(ref rc, n + u) * Vector256.LoadUnsafe(ref rcp, u)
                    + Vector256.LoadUnsafe(ref rc, u) * Vector256.LoadUnsafe(ref rc, 2 * n + u);
                var tc = VectorActivations.Tanh(ct);
                tc.StoreUnsafe(ref rc, 4 * n + u);
                ct.StoreUnsafe(ref rct, u);
                (Vector256.LoadUnsafe(ref rc, 3 * n + u) * tc).StoreUnsafe(ref rh, u);
            }
        }
        for (; j < hs; j++) ForwardUnit(cache, c, h, cPrev, hs, j);
    }

    /// <summary>σ (or tanh) in place over values [at, at + count) of a cache row, eight at a time (count a multiple of
    /// 8).</summary>
    private static void Activate(ref float row, nuint at, int count, bool tanh)
    {
        for (nuint u = at, end = at + (nuint)count; u < end; u += 8)
        {
            var a = Vector256.LoadUnsafe(ref row, u);
            (tanh ? VectorActivations.Tanh(a) : VectorActivations.Sigmoid(a)).StoreUnsafe(ref row, u);
        }
    }

    /// <summary>The equations of the class summary for one row, vectorised.</summary>
    /// <param name="da">(4H) receives da_i, da_f, da_g, da_o.</param>
    /// <param name="dcPrev">(H) receives dc_{t−1}.</param>
    /// <param name="cache">(5H) i, f, g, o, tanh c_t of the step.</param>
    /// <param name="dh">(H) ∂C/∂h_t.</param>
    /// <param name="dc">(H) ∂C/∂c_t from later steps.</param>
    /// <param name="cPrev">(H) c_{t−1}.</param>
    public static void BackwardRow(Span<float> da, Span<float> dcPrev, ReadOnlySpan<float> cache,
        ReadOnlySpan<float> dh, ReadOnlySpan<float> dc, ReadOnlySpan<float> cPrev)
    {
        int hs = dh.Length;
        if (da.Length < 4 * hs || dcPrev.Length < hs || cache.Length < 5 * hs || dc.Length < hs || cPrev.Length < hs)
            throw new ArgumentException($"LSTM gate row: expected da (4H), dcPrev, dc, cPrev (H) and cache (5H) with " +
                $"H = {hs}");
        int j = 0;
        if (Vector256.IsHardwareAccelerated && hs >= 8)
        {
            ref float rc = ref MemoryMarshal.GetReference(cache);
            ref float rda = ref MemoryMarshal.GetReference(da);
            ref float rdh = ref MemoryMarshal.GetReference(dh);
            ref float rdc = ref MemoryMarshal.GetReference(dc);
            ref float rcp = ref MemoryMarshal.GetReference(cPrev);
            ref float rdcp = ref MemoryMarshal.GetReference(dcPrev);
            var one = Vector256<float>.One;
            for (; j <= hs - 8; j += 8)
            {
                nuint u = (nuint)j, h = (nuint)hs;
                var i = Vector256.LoadUnsafe(ref rc, u);
                var f = Vector256.LoadUnsafe(ref rc, h + u);
                var g = Vector256.LoadUnsafe(ref rc, 2 * h + u);
                var o = Vector256.LoadUnsafe(ref rc, 3 * h + u);
                var tc = Vector256.LoadUnsafe(ref rc, 4 * h + u);
                var dhj = Vector256.LoadUnsafe(ref rdh, u);
                var daO = dhj * tc * o * (one - o);
                var dct = Vector256.LoadUnsafe(ref rdc, u) + dhj * o * (one - tc * tc);
                (dct * g * i * (one - i)).StoreUnsafe(ref rda, u);
                (dct * Vector256.LoadUnsafe(ref rcp, u) * f * (one - f)).StoreUnsafe(ref rda, h + u);
                (dct * i * (one - g * g)).StoreUnsafe(ref rda, 2 * h + u);
                daO.StoreUnsafe(ref rda, 3 * h + u);
                (dct * f).StoreUnsafe(ref rdcp, u);
            }
        }
        for (; j < hs; j++) Unit(da, dcPrev, cache, dh, dc, cPrev, hs, j);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForwardUnit(Span<float> cache, Span<float> c, Span<float> h, ReadOnlySpan<float> cPrev, int hs,
        int j)
    {
        float i = 1 / (1 + MathF.Exp(-cache[j]));
        float f = 1 / (1 + MathF.Exp(-cache[hs + j]));
        float g = MathF.Tanh(cache[2 * hs + j]);
        float o = 1 / (1 + MathF.Exp(-cache[3 * hs + j]));
        float ct = f * cPrev[j] + i * g, tc = MathF.Tanh(ct);
        (cache[j], cache[hs + j], cache[2 * hs + j], cache[3 * hs + j], cache[4 * hs + j]) = (i, f, g, o, tc);
        c[j] = ct;
        h[j] = o * tc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Unit(Span<float> da, Span<float> dcPrev, ReadOnlySpan<float> cache,
        ReadOnlySpan<float> dh, ReadOnlySpan<float> dc, ReadOnlySpan<float> cPrev, int hs, int j)
    {
        float i = cache[j], f = cache[hs + j], g = cache[2 * hs + j], o = cache[3 * hs + j], tc = cache[4 * hs + j];
        float dhj = dh[j];
        float daO = dhj * tc * o * (1 - o);
        float dct = dc[j] + dhj * o * (1 - tc * tc);
        da[j] = dct * g * i * (1 - i);
        da[hs + j] = dct * cPrev[j] * f * (1 - f);
        da[2 * hs + j] = dct * i * (1 - g * g);
        da[3 * hs + j] = daO;
        dcPrev[j] = dct * f;
    }
}
