using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// 4×(two 128-bit vectors) micro-kernel for machines without AVX2/FMA (and for tests of that path on machines with
/// them): 4×8 in float, 4×4 in double. 128-bit vectors are what SSE2 and Arm NEON both accelerate; element types
/// they do not support (Half, say) take a scalar loop over a 4×8 tile. It sits behind the same packing and blocking
/// as the AVX2 kernels, so only this inner loop differs.
/// </summary>
internal unsafe struct PortableKernel<T> : IGemmMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static bool Vectorised => Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported;

    public static int Mr => 4;
    public static int Nr => Vectorised ? 2 * Vector128<T>.Count : 8;
    public static int Mc => 128;
    public static int Kc => 256;
    public static int Nc => 4096;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta)
    {
        if (Vectorised) ComputeVector(kc, a, b, c, ldc, alpha, beta);
        else ComputeScalar(kc, a, b, c, ldc, alpha, beta);
    }

    private static void ComputeVector(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta)
    {
        int w = Vector128<T>.Count;
        Vector128<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector128<T> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < kc; p++, a += 4, b += 2 * w)
        {
            // Multiply then add, not fused: a software FMA fallback would be far slower than the rounding it saves.
            Vector128<T> b0 = Vector128.Load(b), b1 = Vector128.Load(b + w);
            Vector128<T> ai = Vector128.Create(a[0]);
            c00 += ai * b0; c01 += ai * b1;
            ai = Vector128.Create(a[1]);
            c10 += ai * b0; c11 += ai * b1;
            ai = Vector128.Create(a[2]);
            c20 += ai * b0; c21 += ai * b1;
            ai = Vector128.Create(a[3]);
            c30 += ai * b0; c31 += ai * b1;
        }
        WriteRow(c, w, c00, c01, alpha, beta);
        WriteRow(c + ldc, w, c10, c11, alpha, beta);
        WriteRow(c + 2 * ldc, w, c20, c21, alpha, beta);
        WriteRow(c + 3 * ldc, w, c30, c31, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteRow(T* row, int w, Vector128<T> x0, Vector128<T> x1, T alpha, T beta)
    {
        Vector128<T> va = Vector128.Create(alpha);
        if (beta == T.Zero)
        {
            Vector128.Store(x0 * va, row);
            Vector128.Store(x1 * va, row + w);
        }
        else
        {
            Vector128<T> vb = Vector128.Create(beta);
            Vector128.Store(x0 * va + Vector128.Load(row) * vb, row);
            Vector128.Store(x1 * va + Vector128.Load(row + w) * vb, row + w);
        }
    }

    private static void ComputeScalar(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta)
    {
        T* acc = stackalloc T[4 * 8];
        new Span<T>(acc, 4 * 8).Clear();
        for (int p = 0; p < kc; p++, a += 4, b += 8)
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 8; j++)
                    acc[i * 8 + j] += a[i] * b[j];
        for (int i = 0; i < 4; i++)
        {
            T* row = c + i * ldc;
            for (int j = 0; j < 8; j++)
                row[j] = beta == T.Zero ? alpha * acc[i * 8 + j] : alpha * acc[i * 8 + j] + beta * row[j];
        }
    }
}
