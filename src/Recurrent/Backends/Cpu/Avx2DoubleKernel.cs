using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// 6×8 double-precision micro-kernel on AVX2/FMA: the twin of <see cref="Avx2SingleKernel"/> with four lanes per
/// vector, so the same 12 accumulators cover 6 rows × 8 columns.
/// </summary>
/// <remarks>The float kernel's cache footprint: Kc·Nr·8 B = 32 KiB B sliver, Mc·Kc·8 B = 192 KiB A block in
/// L2.</remarks>
internal unsafe struct Avx2DoubleKernel : IGemmMicroKernel<double>
{
    public static bool IsSupported => Fma.IsSupported && Avx2.IsSupported;
    public static int Mr => 6;
    public static int Nr => 8;
    public static int Mc => 48;
    public static int Kc => 512;
    public static int Nc => 4080;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(int kc, double* a, double* b, double* c, nint ldc, double alpha, double beta)
    {
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<double> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<double> b0 = Avx.LoadVector256(b), b1 = Avx.LoadVector256(b + 4);
            Vector256<double> ai = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(ai, b0, c00); c01 = Fma.MultiplyAdd(ai, b1, c01);
            ai = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(ai, b0, c10); c11 = Fma.MultiplyAdd(ai, b1, c11);
            ai = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(ai, b0, c20); c21 = Fma.MultiplyAdd(ai, b1, c21);
            ai = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(ai, b0, c30); c31 = Fma.MultiplyAdd(ai, b1, c31);
            ai = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(ai, b0, c40); c41 = Fma.MultiplyAdd(ai, b1, c41);
            ai = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(ai, b0, c50); c51 = Fma.MultiplyAdd(ai, b1, c51);
            a += 6;
            b += 8;
        }
        Vector256<double> va = Vector256.Create(alpha);
        if (beta == 0.0)
        {
            Overwrite(c, c00, c01, va); Overwrite(c + ldc, c10, c11, va); Overwrite(c + 2 * ldc, c20, c21, va);
            Overwrite(c + 3 * ldc, c30, c31, va); Overwrite(c + 4 * ldc, c40, c41, va); Overwrite(c + 5 * ldc, c50, c51,
                va);
        }
        else
        {
            Vector256<double> vb = Vector256.Create(beta);
            Update(c, c00, c01, va, vb); Update(c + ldc, c10, c11, va, vb); Update(c + 2 * ldc, c20, c21, va, vb);
            Update(c + 3 * ldc, c30, c31, va, vb); Update(c + 4 * ldc, c40, c41, va, vb); Update(c + 5 * ldc, c50, c51,
                va, vb);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Overwrite(double* row, Vector256<double> x0, Vector256<double> x1, Vector256<double> va)
    {
        Avx.Store(row, Avx.Multiply(x0, va));
        Avx.Store(row + 4, Avx.Multiply(x1, va));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(double* row, Vector256<double> x0, Vector256<double> x1, Vector256<double> va,
        Vector256<double> vb)
    {
        Avx.Store(row, Fma.MultiplyAdd(x0, va, Avx.Multiply(Avx.LoadVector256(row), vb)));
        Avx.Store(row + 4, Fma.MultiplyAdd(x1, va, Avx.Multiply(Avx.LoadVector256(row + 4), vb)));
    }
}
