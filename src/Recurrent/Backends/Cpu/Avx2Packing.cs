using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// AVX2 versions of the two single-precision packing cases that are gathers in scalar code: A not transposed (6
/// rows interleaved) and B transposed (16 rows interleaved). Both read 8 values from each row and transpose 8×8 in
/// registers, so the copy runs at vector speed; it matters when m is small (50-row RNN batches), where packing B
/// costs as much as a good part of the product. <see cref="GemmPacking"/> holds the scalar twins, and the tests
/// cover both through every transpose case.
/// </summary>
internal static unsafe class Avx2Packing
{
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>dst[p·6 + i] = src[i·lda + p] for i &lt; 6, p &lt; kc: a full 6-row sliver of A (not
    /// transposed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackSixRows(float* src, nint lda, int kc, float* dst)
    {
        int p = 0;
        Vector256<float> zero = Vector256<float>.Zero;
        for (; p + 8 <= kc; p += 8, dst += 48)
        {
            Transpose(Avx.LoadVector256(src + p), Avx.LoadVector256(src + lda + p),
                Avx.LoadVector256(src + 2 * lda + p),
                Avx.LoadVector256(src + 3 * lda + p), Avx.LoadVector256(src + 4 * lda + p),
                    Avx.LoadVector256(src + 5 * lda + p),
                zero, zero, out var c0, out var c1, out var c2, out var c3, out var c4, out var c5, out var c6,
                    out var c7);
            StoreSix(dst, c0); StoreSix(dst + 6, c1); StoreSix(dst + 12, c2); StoreSix(dst + 18, c3);
            StoreSix(dst + 24, c4); StoreSix(dst + 30, c5); StoreSix(dst + 36, c6); StoreSix(dst + 42, c7);
        }
        for (; p < kc; p++, dst += 6)
            for (int i = 0; i < 6; i++) dst[i] = src[i * lda + p];
    }

    /// <summary>dst[p·stride + j] = src[j·ldb + p] for j &lt; 16, p &lt; kc: a full 16-column sliver of Bᵀ (stride
    /// 16), or one half of a 32-column one (stride 32, dst at the half's first column).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackSixteenRows(float* src, nint ldb, int kc, float* dst, int stride)
    {
        int p = 0;
        for (; p + 8 <= kc; p += 8, dst += 8 * stride)
        {
            for (int half = 0; half < 2; half++)
            {
                float* s = src + half * 8 * ldb + p;
                Transpose(Avx.LoadVector256(s), Avx.LoadVector256(s + ldb), Avx.LoadVector256(s + 2 * ldb),
                    Avx.LoadVector256(s + 3 * ldb), Avx.LoadVector256(s + 4 * ldb), Avx.LoadVector256(s + 5 * ldb),
                    Avx.LoadVector256(s + 6 * ldb), Avx.LoadVector256(s + 7 * ldb),
                    out var c0, out var c1, out var c2, out var c3, out var c4, out var c5, out var c6, out var c7);
                float* d = dst + half * 8;
                Avx.Store(d, c0); Avx.Store(d + stride, c1); Avx.Store(d + 2 * stride, c2);
                Avx.Store(d + 3 * stride, c3); Avx.Store(d + 4 * stride, c4); Avx.Store(d + 5 * stride, c5);
                Avx.Store(d + 6 * stride, c6); Avx.Store(d + 7 * stride, c7);
            }
        }
        for (; p < kc; p++, dst += stride)
            for (int j = 0; j < 16; j++) dst[j] = src[j * ldb + p];
    }

    // Writes lanes 0..5 only: the next column starts 6 floats on, and the last must not run past the sliver.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSix(float* dst, Vector256<float> column)
    {
        Sse.Store(dst, column.GetLower());
        Sse2.StoreScalar((double*)(dst + 4), column.GetUpper().AsDouble());
    }

    // c_p = (r0[p], r1[p], ..., r7[p]): the classic unpack / shuffle / lane-permute 8×8 transpose.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7,
        out Vector256<float> c0, out Vector256<float> c1, out Vector256<float> c2, out Vector256<float> c3,
        out Vector256<float> c4, out Vector256<float> c5, out Vector256<float> c6, out Vector256<float> c7)
    {
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        c0 = Avx.Permute2x128(u0, u4, 0x20); c1 = Avx.Permute2x128(u1, u5, 0x20);
        c2 = Avx.Permute2x128(u2, u6, 0x20); c3 = Avx.Permute2x128(u3, u7, 0x20);
        c4 = Avx.Permute2x128(u0, u4, 0x31); c5 = Avx.Permute2x128(u1, u5, 0x31);
        c6 = Avx.Permute2x128(u2, u6, 0x31); c7 = Avx.Permute2x128(u3, u7, 0x31);
    }
}
