using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// The Elman cell's element-wise steps for f = tanh in float, eight values at a time: the fast kernel of
/// <see cref="Layers.Recurrent.RnnCell{T}"/>, whose generic <see cref="Layers.Activations"/> are the reference a test
/// holds these equal to (docs/equations.md#elman). Forward a = tanh(z) in place; backward dz = dh ⊙ (1 − a²).
/// </summary>
/// <remarks>
/// tanh is <see cref="VectorActivations.Tanh(Vector256{float})"/>, a rational fit with no exp, not
/// <see cref="TensorPrimitives.Tanh{T}(ReadOnlySpan{T}, Span{T})"/>, whose exp widens to double (its cost in a training
/// step is in docs/benchmarks.md). The backward loop runs the scalar formula's operations in its order, so the vector
/// body and the tail give the same bits.
/// </remarks>
internal static class TanhRows
{
    /// <summary>
    /// a = tanh(z) over <paramref name="values"/>, in place. The last few values go through the same vector formula
    /// in a padded register, so each value's bits do not depend on where the span starts or ends (row ranges of any
    /// size give the serial loop's results).
    /// </summary>
    public static void Forward(Span<float> values) => Forward(values, KernelSelection.Wide);

    /// <summary><see cref="Forward(Span{float})"/>, 512 bits at a time when <paramref name="wide"/> (and the machine
    /// has AVX-512F): <see cref="VectorActivations.Tanh(Vector512{float})"/> gives the 256-bit form's bits, so only the speed
    /// differs.</summary>
    internal static void Forward(Span<float> values, bool wide)
    {
        if (!VectorActivations.IsSupported)
        {
            for (int k = 0; k < values.Length; k++) values[k] = MathF.Tanh(values[k]);
            return;
        }
        int i = 0;
        ref float r = ref MemoryMarshal.GetReference(values);
        if (wide && VectorActivations.IsSupported512)
            for (; i <= values.Length - 16; i += 16)
                VectorActivations.Tanh(Vector512.LoadUnsafe(ref r, (nuint)i)).StoreUnsafe(ref r, (nuint)i);
        for (; i <= values.Length - 8; i += 8)
            VectorActivations.Tanh(Vector256.LoadUnsafe(ref r, (nuint)i)).StoreUnsafe(ref r, (nuint)i);
        if (i == values.Length) return;
        Span<float> tail = stackalloc float[8];
        tail.Clear();
        values[i..].CopyTo(tail);
        VectorActivations.Tanh(Vector256.Create<float>(tail)).CopyTo(tail);
        tail[..(values.Length - i)].CopyTo(values[i..]);
    }

    /// <summary>dz = dh ⊙ (1 − a²); <paramref name="dz"/> may be <paramref name="a"/> itself (each a is read before its
    /// dz is written).</summary>
    public static void Backward(ReadOnlySpan<float> a, ReadOnlySpan<float> dh, Span<float> dz) =>
        Backward(a, dh, dz, KernelSelection.Wide);

    /// <summary><see cref="Backward(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>, 512 bits at a time when
    /// <paramref name="wide"/>: the same operations per value, so the same bits.</summary>
    internal static void Backward(ReadOnlySpan<float> a, ReadOnlySpan<float> dh, Span<float> dz, bool wide)
    {
        if (a.Length != dz.Length || dh.Length != dz.Length)
            throw new ArgumentException($"tanh backward: a, dh and dz must have one length, got {a.Length}, " +
                $"{dh.Length}, {dz.Length}");
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float ra = ref MemoryMarshal.GetReference(a);
            ref float rh = ref MemoryMarshal.GetReference(dh);
            ref float rz = ref MemoryMarshal.GetReference(dz);
            if (wide && Vector512.IsHardwareAccelerated)
                for (; i <= dz.Length - 16; i += 16)
                {
                    var av = Vector512.LoadUnsafe(ref ra, (nuint)i);
                    (Vector512.LoadUnsafe(ref rh, (nuint)i) * (Vector512<float>.One - av * av)).StoreUnsafe(ref rz,
                        (nuint)i);
                }
            for (; i <= dz.Length - 8; i += 8)
            {
                var av = Vector256.LoadUnsafe(ref ra, (nuint)i);
                (Vector256.LoadUnsafe(ref rh, (nuint)i) * (Vector256<float>.One - av * av)).StoreUnsafe(ref rz,
                    (nuint)i);
            }
        }
        for (; i < dz.Length; i++) dz[i] = dh[i] * (1 - a[i] * a[i]);
    }
}
