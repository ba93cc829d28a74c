using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// <see cref="VectorActivations"/>' tanh and σ on sixteen floats (AVX-512F): the same fit, the same operations in the
/// same order, fused where the 256-bit forms fuse, so every lane gives the 256-bit form's bits (tested) and a pass
/// over a row does half the instructions.
/// </summary>
internal static class VectorActivations512
{
    /// <summary>Whether the machine runs AVX-512F and the runtime accelerates 512-bit vectors.</summary>
    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary><see cref="VectorActivations.Tanh"/>: tanh(x) ≈ x·P(x²)/Q(x²), x clamped to ±9, the result to ±1;
    /// NaN stays NaN (vmaxps/vminps return their second operand then, as in the 256-bit form).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        x = Avx512F.Min(Vector512.Create(9f), Avx512F.Max(Vector512.Create(-9f), x));
        var t = x * x;
        var p = Avx512F.FusedMultiplyAdd(Vector512.Create(-8.4886464e-14f), t, Vector512.Create(5.2779444e-11f));
        p = Avx512F.FusedMultiplyAdd(p, t, Vector512.Create(-2.0225267e-08f));
        p = Avx512F.FusedMultiplyAdd(p, t, Vector512.Create(1.115433e-05f));
        p = Avx512F.FusedMultiplyAdd(p, t, Vector512.Create(0.0031039591f));
        p = Avx512F.FusedMultiplyAdd(p, t, Vector512.Create(0.13084012f));
        p = Avx512F.FusedMultiplyAdd(p, t, Vector512<float>.One);
        var q = Avx512F.FusedMultiplyAdd(Vector512.Create(0.0002546149f), t, Vector512.Create(0.02449519f));
        q = Avx512F.FusedMultiplyAdd(q, t, Vector512.Create(0.4641734f));
        q = Avx512F.FusedMultiplyAdd(q, t, Vector512<float>.One);
        var y = x * p / q;
        return Avx512F.Min(Vector512<float>.One, Avx512F.Max(Vector512.Create(-1f), y));
    }

    /// <summary>σ(x) = ½·tanh(x/2) + ½ on <see cref="Tanh"/>, as <see cref="VectorActivations.Sigmoid"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x)
    {
        var half = Vector512.Create(0.5f);
        return Avx512F.FusedMultiplyAdd(half, Tanh(half * x), half);
    }
}
