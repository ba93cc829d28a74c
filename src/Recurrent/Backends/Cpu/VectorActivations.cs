using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// σ and tanh (on eight or sixteen floats) and e^x (on eight) for the fused rows (<see cref="LstmGates"/>,
/// <see cref="GruGates"/>, <see cref="TanhRows"/>, <see cref="SoftmaxRows"/>). tanh is a rational fit with no exp, σ is
/// ½·tanh(x/2) + ½, and e^x is Cephes' float expf (range reduction by ln 2 in two parts and a degree-6 polynomial,
/// within 2 ulp) rather than <see cref="Vector256.Exp(Vector256{float})"/>, which widens to double. The fit is faster
/// than σ and tanh built on this exp (TensorPrimitives' formulas) on the LSTM's gate rows (docs/benchmarks.md). NaN
/// stays NaN. The rows' scalar twins use MathF; their tests hold the two within a few ulps.
/// </summary>
internal static class VectorActivations
{
    /// <summary>Whether the machine has the AVX2 and FMA these need.</summary>
    public static bool IsSupported => Fma.IsSupported && Avx2.IsSupported;

    /// <summary>Whether the machine runs AVX-512F and the runtime accelerates 512-bit vectors, for the
    /// <see cref="Vector512{T}"/> forms.</summary>
    public static bool IsSupported512 => FloatLanes512.IsSupported;

    /// <summary><see cref="Tanh{TLanes, TVector}"/> on eight floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x) => Tanh<FloatLanes256, Vector256<float>>(x);

    /// <summary><see cref="Tanh{TLanes, TVector}"/> on sixteen floats (AVX-512F): every lane gives the 256-bit
    /// form's bits (the same operations in the same order), and a pass over a row does half the instructions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x) => Tanh<FloatLanes512, Vector512<float>>(x);

    /// <summary><see cref="Sigmoid{TLanes, TVector}"/> on eight floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => Sigmoid<FloatLanes256, Vector256<float>>(x);

    /// <summary><see cref="Sigmoid{TLanes, TVector}"/> on sixteen floats (AVX-512F), the 256-bit form's bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) => Sigmoid<FloatLanes512, Vector512<float>>(x);

    /// <summary>
    /// tanh(x) ≈ x·P(x²)/Q(x²) with P of degree 6 and Q of degree 3 in x², x clamped to ±9 and the result to ±1: no
    /// exp, ten multiply-adds and one division, about half the work of the exp formula it replaced (sign(x)·(−z/(z +
    /// 2)) with z = e^{−2|x|} − 1, TensorPrimitives'). The coefficients are a minimax fit of tanh(x)/x on [0, 9] in
    /// x²/81 (weighted least squares iterated toward equal relative error, 1e-8 in double); evaluated in float, within
    /// 3.2e-7 of tanh everywhere (5 ulps of 1), x itself below |x| ≈ 2e-4, exactly ±1 from |x| = 9 on, and NaN stays
    /// NaN (x86's max/min return their second operand then). Written once for every width: lanes are independent and
    /// each goes through the same operations in the same order, so a lane's bits do not depend on the width.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Tanh<TLanes, TVector>(TVector x)
        where TLanes : struct, IFloatLanes<TVector> where TVector : struct
    {
        x = TLanes.Min(TLanes.Broadcast(9f), TLanes.Max(TLanes.Broadcast(-9f), x));
        var t = TLanes.Multiply(x, x);
        var p = TLanes.FusedMultiplyAdd(TLanes.Broadcast(-8.4886464e-14f), t, TLanes.Broadcast(5.2779444e-11f));
        p = TLanes.FusedMultiplyAdd(p, t, TLanes.Broadcast(-2.0225267e-08f));
        p = TLanes.FusedMultiplyAdd(p, t, TLanes.Broadcast(1.115433e-05f));
        p = TLanes.FusedMultiplyAdd(p, t, TLanes.Broadcast(0.0031039591f));
        p = TLanes.FusedMultiplyAdd(p, t, TLanes.Broadcast(0.13084012f));
        p = TLanes.FusedMultiplyAdd(p, t, TLanes.Broadcast(1f));
        var q = TLanes.FusedMultiplyAdd(TLanes.Broadcast(0.0002546149f), t, TLanes.Broadcast(0.02449519f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Broadcast(0.4641734f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Broadcast(1f));
        var y = TLanes.Divide(TLanes.Multiply(x, p), q);
        return TLanes.Min(TLanes.Broadcast(1f), TLanes.Max(TLanes.Broadcast(-1f), y));
    }

    /// <summary>
    /// σ(x) = ½·tanh(x/2) + ½ on <see cref="Tanh{TLanes, TVector}"/>: within 1.6e-7 of σ (absolute; the gates' values
    /// multiply states of order one), exactly 0 and 1 from |x| = 18 on, NaN kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Sigmoid<TLanes, TVector>(TVector x)
        where TLanes : struct, IFloatLanes<TVector> where TVector : struct
    {
        var half = TLanes.Broadcast(0.5f);
        return TLanes.FusedMultiplyAdd(half, Tanh<TLanes, TVector>(TLanes.Multiply(half, x)), half);
    }

    // e^x = 2^n·e^r with n = ⌊x·log₂e + ½⌋ and r = x − n·ln 2 (ln 2 split in two so r is exact), e^r by Cephes'
    // polynomial. x is clamped to ±88.376 first (below: 0, above: +∞ via 2^128); the clamps keep NaN, since x86's
    // max/min return their second operand when either is NaN.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Avx.Min(Vector256.Create(88.3762626647949f), Avx.Max(Vector256.Create(-88.3762626647949f), x));
        var n = Avx.Floor(Fma.MultiplyAdd(x, Vector256.Create(1.44269504088896341f), Vector256.Create(0.5f)));
        var r = Fma.MultiplyAddNegated(n, Vector256.Create(0.693359375f), x);
        r = Fma.MultiplyAddNegated(n, Vector256.Create(-2.12194440e-4f), r);
        var y = Fma.MultiplyAdd(Vector256.Create(1.9875691500e-4f), r, Vector256.Create(1.3981999507e-3f));
        y = Fma.MultiplyAdd(y, r, Vector256.Create(8.3334519073e-3f));
        y = Fma.MultiplyAdd(y, r, Vector256.Create(4.1665795894e-2f));
        y = Fma.MultiplyAdd(y, r, Vector256.Create(1.6666665459e-1f));
        y = Fma.MultiplyAdd(y, r, Vector256.Create(5.0000001201e-1f));
        y = Fma.MultiplyAdd(y, r * r, r) + Vector256<float>.One;
        var scale =
            Avx2.ShiftLeftLogical(Avx.ConvertToVector256Int32WithTruncation(n) + Vector256.Create(127), 23).AsSingle();
        return y * scale;
    }
}
