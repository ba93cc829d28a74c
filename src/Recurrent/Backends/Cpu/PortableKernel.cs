using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// 4×8 micro-kernel for machines without AVX2/FMA (and for tests of that path on machines with them): 128-bit
/// vectors, which SSE2 and Arm NEON both accelerate, or plain scalar code for element types vectors do not support.
/// It sits behind the same packing and blocking as the AVX2 kernels, so only this inner loop differs.
/// </summary>
internal unsafe struct PortableKernel<T> : IGemmMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Mr => 4;
    public static int Nr => 8;
    public static int Mc => 128;
    public static int Kc => 256;
    public static int Nc => 4096;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta)
    {
        // Accumulators live in a stack tile: the vector count per row depends on sizeof(T), so they cannot be
        // named locals in generic code; L1 round trips cost speed, which this fallback trades for reach.
        T* acc = stackalloc T[4 * 8];
        new Span<T>(acc, 4 * 8).Clear();
        if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
            AccumulateVector(kc, a, b, acc);
        else
            AccumulateScalar(kc, a, b, acc);
        for (int i = 0; i < 4; i++)
        {
            T* row = c + i * ldc;
            for (int j = 0; j < 8; j++)
                row[j] = beta == T.Zero ? alpha * acc[i * 8 + j] : alpha * acc[i * 8 + j] + beta * row[j];
        }
    }

    private static void AccumulateVector(int kc, T* a, T* b, T* acc)
    {
        int width = Vector128<T>.Count;
        for (int p = 0; p < kc; p++, a += 4, b += 8)
        {
            for (int i = 0; i < 4; i++)
            {
                Vector128<T> ai = Vector128.Create(a[i]);
                for (int j = 0; j < 8; j += width)
                {
                    T* sum = acc + i * 8 + j;
                    Vector128.Store(Vector128.Load(sum) + ai * Vector128.Load(b + j), sum);
                }
            }
        }
    }

    private static void AccumulateScalar(int kc, T* a, T* b, T* acc)
    {
        for (int p = 0; p < kc; p++, a += 4, b += 8)
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 8; j++)
                    acc[i * 8 + j] += a[i] * b[j];
    }
}
