using System.Runtime.CompilerServices;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous sliver layout the micro-kernels read (see
/// <see cref="IGemmMicroKernel{T}"/>). All four transpose cases are resolved here, so one kernel serves them all;
/// slivers past the edge of the matrix are padded with zeros, so the kernel never needs an edge case.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Packs op(A)[i0..i0+mc, p0..p0+kc] into ⌈mc/Mr⌉ slivers of Mr rows × kc, each kc·Mr long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T, TKernel>(bool transA, T* a, nint lda, int i0, int p0, int mc, int kc, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T> where TKernel : IGemmMicroKernel<T>
    {
        int mr = TKernel.Mr;
        for (int ir = 0; ir < mc; ir += mr, dst += mr * kc)
        {
            int rows = Math.Min(mr, mc - ir);
            if (transA)
            {
                // op(A)[i, p] = a[p·lda + i]: each p is a contiguous run of the sliver's rows.
                T* src = a + p0 * lda + i0 + ir;
                for (int p = 0; p < kc; p++, src += lda)
                {
                    T* d = dst + p * mr;
                    if (rows == mr)
                        Unsafe.CopyBlockUnaligned(d, src, (uint)(mr * sizeof(T)));
                    else
                        CopyAndPad(src, d, rows, mr);
                }
            }
            else
            {
                // op(A)[i, p] = a[i·lda + p]: interleave the sliver's rows, read as mr sequential streams.
                T* src = a + (i0 + ir) * lda + p0;
                // both float kernels interleave 6 rows
                if ((typeof(TKernel) == typeof(Avx2SingleKernel) || typeof(TKernel) == typeof(Avx512SingleKernel))
                    && rows == 6 && Avx2Packing.IsSupported)
                {
                    Avx2Packing.PackSixRows((float*)src, lda, kc, (float*)dst);
                }
                else if (rows == mr)
                {
                    for (int p = 0; p < kc; p++)
                        for (int i = 0; i < mr; i++)
                            dst[p * mr + i] = src[i * lda + p];
                }
                else
                {
                    for (int p = 0; p < kc; p++)
                        for (int i = 0; i < mr; i++)
                            dst[p * mr + i] = i < rows ? src[i * lda + p] : T.Zero;
                }
            }
        }
    }

    /// <summary>Packs op(B)[p0..p0+kc, j0..j0+nc] into ⌈nc/Nr⌉ slivers of kc × Nr columns, each kc·Nr long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T, TKernel>(bool transB, T* b, nint ldb, int p0, int j0, int kc, int nc, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T> where TKernel : IGemmMicroKernel<T>
    {
        int nr = TKernel.Nr;
        for (int jr = 0; jr < nc; jr += nr, dst += nr * kc)
        {
            int cols = Math.Min(nr, nc - jr);
            if (transB)
            {
                // op(B)[p, j] = b[j·ldb + p]: gather across the sliver's nr stored rows.
                T* src = b + (j0 + jr) * ldb + p0;
                if (typeof(TKernel) == typeof(Avx2SingleKernel) && cols == 16 && Avx2Packing.IsSupported)
                {
                    Avx2Packing.PackSixteenRows((float*)src, ldb, kc, (float*)dst, 16);
                    continue;
                }
                if (typeof(TKernel) == typeof(Avx512SingleKernel) && cols == 32 && Avx2Packing.IsSupported)
                {
                    // a 32-wide sliver is two 16-wide halves side by side
                    Avx2Packing.PackSixteenRows((float*)src, ldb, kc, (float*)dst, 32);
                    Avx2Packing.PackSixteenRows((float*)(src + 16 * ldb), ldb, kc, (float*)dst + 16, 32);
                    continue;
                }
                for (int p = 0; p < kc; p++)
                    for (int j = 0; j < nr; j++)
                        dst[p * nr + j] = j < cols ? src[j * ldb + p] : T.Zero;
            }
            else
            {
                // op(B)[p, j] = b[p·ldb + j]: each p is a contiguous run of the sliver's columns.
                T* src = b + p0 * ldb + j0 + jr;
                for (int p = 0; p < kc; p++, src += ldb)
                {
                    T* d = dst + p * nr;
                    if (cols == nr)
                        Unsafe.CopyBlockUnaligned(d, src, (uint)(nr * sizeof(T)));
                    else
                        CopyAndPad(src, d, cols, nr);
                }
            }
        }
    }

    private static void CopyAndPad<T>(T* src, T* dst, int count, int width) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        for (int i = 0; i < count; i++) dst[i] = src[i];
        for (int i = count; i < width; i++) dst[i] = T.Zero;
    }
}
