using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// 6×32 single-precision micro-kernel on AVX-512F: <see cref="Avx2SingleKernel"/>'s 6-row tile with 512-bit
/// vectors, so each step's 12 FMAs (c[i, 0..31] += a[i]·b[0..31], two zmm per row) do twice the work for the same
/// instructions. 12 zmm accumulators, two B vectors and one broadcast use 15 of the 32 zmm registers.
/// </summary>
/// <remarks>
/// The same Mr = 6 as the 256-bit kernel keeps the same A layout (<see cref="Avx2Packing.PackSixRows"/> serves both)
/// and the same row-major-A paths (4–6-row tiles, 1–3-row tails) the time loops rely on; only the sliver is twice as
/// wide. Blocking: a Kc·Nr·4 B = 64 KiB B sliver streamed from L2 (Zen 5's 1 MiB L2 feeds 64 B a cycle), an
/// Mc·Kc·4 B = 192 KiB A block kept in L2, and Kc as deep as the 256-bit kernel's, so a product one depth block deep
/// there is one here too. Nc = 4096 is a multiple of Nr.
/// </remarks>
internal unsafe struct Avx512SingleKernel : IGemmMicroKernel<float>
{
    /// <summary>Whether the machine runs 512-bit float vectors (AVX-512F) and the runtime accelerates them.</summary>
    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    public static int Mr => 6;
    public static int Nr => 32;
    public static int Mc => 96;
    public static int Kc => 512;
    public static int Nc => 4096;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta) =>
        Tile(6, kc, a, 1, 6, b, c, ldc, alpha, beta);

    public static bool ReadsRowMajorA => true;

    public static int MinRowMajorRows => 4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ComputeRowMajorA(int rows, int kc, float* a, nint lda, float* b, float* c, nint ldc, float alpha,
        float beta)
    {
        if (rows == 6) Tile(6, kc, a, lda, 1, b, c, ldc, alpha, beta);
        else if (rows == 5) Tile(5, kc, a, lda, 1, b, c, ldc, alpha, beta);
        else Tile(4, kc, a, lda, 1, b, c, ldc, alpha, beta);
    }

    /// <summary>
    /// The rows×32 tile (rows = 4, 5 or 6, a constant at every call) with A's value (i, p) at a[i·row + p·step]:
    /// (1, 6) is a packed sliver, (lda, 1) rows of a row-major A read where they lie; as in
    /// <see cref="Avx2SingleKernel"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(int rows, int kc, float* a, nint row, nint step, float* b, float* c, nint ldc, float alpha,
        float beta)
    {
        PrefetchC(rows, 32, c, ldc, beta);
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        float* a3 = a + 3 * row;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Avx512F.LoadVector512(b), b1 = Avx512F.LoadVector512(b + 16);
            Vector512<float> ai = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(ai, b0, c00); c01 = Avx512F.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(a[row]);
            c10 = Avx512F.FusedMultiplyAdd(ai, b0, c10); c11 = Avx512F.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(a[2 * row]);
            c20 = Avx512F.FusedMultiplyAdd(ai, b0, c20); c21 = Avx512F.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(a3[0]);
            c30 = Avx512F.FusedMultiplyAdd(ai, b0, c30); c31 = Avx512F.FusedMultiplyAdd(ai, b1, c31);
            if (rows > 4)
            {
                ai = Vector512.Create(a3[row]);
                c40 = Avx512F.FusedMultiplyAdd(ai, b0, c40); c41 = Avx512F.FusedMultiplyAdd(ai, b1, c41);
            }
            if (rows > 5)
            {
                ai = Vector512.Create(a3[2 * row]);
                c50 = Avx512F.FusedMultiplyAdd(ai, b0, c50); c51 = Avx512F.FusedMultiplyAdd(ai, b1, c51);
            }
            a += step;
            a3 += step;
            b += 32;
        }
        Vector512<float> va = Vector512.Create(alpha);
        if (beta == 0f)
        {
            Overwrite(c, c00, c01, va); Overwrite(c + ldc, c10, c11, va); Overwrite(c + 2 * ldc, c20, c21, va);
            Overwrite(c + 3 * ldc, c30, c31, va);
            if (rows > 4) Overwrite(c + 4 * ldc, c40, c41, va);
            if (rows > 5) Overwrite(c + 5 * ldc, c50, c51, va);
        }
        else
        {
            Vector512<float> vb = Vector512.Create(beta);
            Update(c, c00, c01, va, vb); Update(c + ldc, c10, c11, va, vb); Update(c + 2 * ldc, c20, c21, va, vb);
            Update(c + 3 * ldc, c30, c31, va, vb);
            if (rows > 4) Update(c + 4 * ldc, c40, c41, va, vb);
            if (rows > 5) Update(c + 5 * ldc, c50, c51, va, vb);
        }
    }

    /// <summary>With β ≠ 0, asks for the tile's C lines before the depth loop (see
    /// <see cref="Avx2SingleKernel"/>): a time-loop step's C is the input projection, written long before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchC(int rows, int cols, float* c, nint ldc, float beta)
    {
        if (beta == 0f) return;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j += 16) Sse.Prefetch0(c + i * ldc + j); // a line holds 16 floats
            Sse.Prefetch0(c + i * ldc + cols - 1);                            // and the last, if the row is not aligned
        }
    }

    public static int FewRows => 3;

    /// <summary>Up to three rows against two adjacent B slivers (64 columns): 8 or 12 accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ComputeFewRows(int rows, int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        if (rows <= 2) TwoRows(rows, kc, a, 1, 6, b, b + 32 * kc, c, ldc, alpha, beta);
        else ThreeRows(kc, a, 1, 6, b, b + 32 * kc, c, ldc, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ComputeFewRowsRowMajorA(int rows, int kc, float* a, nint lda, float* b, float* c, nint ldc,
        float alpha, float beta)
    {
        if (rows <= 2) TwoRows(rows, kc, a, lda, 1, b, b + 32 * kc, c, ldc, alpha, beta);
        else ThreeRows(kc, a, lda, 1, b, b + 32 * kc, c, ldc, alpha, beta);
    }

    // A's value (i, p) at a[i·row + p·step], as in Tile; a second row is read only when there is one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TwoRows(int rows, int kc, float* a, nint row, nint step, float* b0, float* b1, float* c,
        nint ldc, float alpha, float beta)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        PrefetchC(rows, 64, c, ldc, beta);
        nint secondRow = rows == 2 ? row : 0; // one row: the second accumulators repeat the first and are not written
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> x0 = Avx512F.LoadVector512(b0), x1 = Avx512F.LoadVector512(b0 + 16);
            Vector512<float> x2 = Avx512F.LoadVector512(b1), x3 = Avx512F.LoadVector512(b1 + 16);
            Vector512<float> a0 = Vector512.Create(a[0]), a1 = Vector512.Create(a[secondRow]);
            c00 = Avx512F.FusedMultiplyAdd(a0, x0, c00); c01 = Avx512F.FusedMultiplyAdd(a0, x1, c01);
            c02 = Avx512F.FusedMultiplyAdd(a0, x2, c02); c03 = Avx512F.FusedMultiplyAdd(a0, x3, c03);
            c10 = Avx512F.FusedMultiplyAdd(a1, x0, c10); c11 = Avx512F.FusedMultiplyAdd(a1, x1, c11);
            c12 = Avx512F.FusedMultiplyAdd(a1, x2, c12); c13 = Avx512F.FusedMultiplyAdd(a1, x3, c13);
            a += step;
            b0 += 32;
            b1 += 32;
        }
        WriteRow(c, c00, c01, c02, c03, alpha, beta);
        if (rows == 2) WriteRow(c + ldc, c10, c11, c12, c13, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ThreeRows(int kc, float* a, nint row, nint step, float* b0, float* b1, float* c, nint ldc,
        float alpha, float beta)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        PrefetchC(3, 64, c, ldc, beta);
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> a0 = Vector512.Create(a[0]), a1 = Vector512.Create(a[row]),
                a2 = Vector512.Create(a[2 * row]);
            Vector512<float> x0 = Avx512F.LoadVector512(b0), x1 = Avx512F.LoadVector512(b0 + 16);
            Vector512<float> x2 = Avx512F.LoadVector512(b1), x3 = Avx512F.LoadVector512(b1 + 16);
            c00 = Avx512F.FusedMultiplyAdd(a0, x0, c00); c10 = Avx512F.FusedMultiplyAdd(a1, x0, c10);
            c20 = Avx512F.FusedMultiplyAdd(a2, x0, c20);
            c01 = Avx512F.FusedMultiplyAdd(a0, x1, c01); c11 = Avx512F.FusedMultiplyAdd(a1, x1, c11);
            c21 = Avx512F.FusedMultiplyAdd(a2, x1, c21);
            c02 = Avx512F.FusedMultiplyAdd(a0, x2, c02); c12 = Avx512F.FusedMultiplyAdd(a1, x2, c12);
            c22 = Avx512F.FusedMultiplyAdd(a2, x2, c22);
            c03 = Avx512F.FusedMultiplyAdd(a0, x3, c03); c13 = Avx512F.FusedMultiplyAdd(a1, x3, c13);
            c23 = Avx512F.FusedMultiplyAdd(a2, x3, c23);
            a += step;
            b0 += 32;
            b1 += 32;
        }
        WriteRow(c, c00, c01, c02, c03, alpha, beta);
        WriteRow(c + ldc, c10, c11, c12, c13, alpha, beta);
        WriteRow(c + 2 * ldc, c20, c21, c22, c23, alpha, beta);
    }

    // α·acc (β = 0) or α·acc + β·c, each product rounded: the scratch-tile path's arithmetic, so both give the same
    // bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteRow(float* row, Vector512<float> x0, Vector512<float> x1, Vector512<float> x2,
        Vector512<float> x3, float alpha, float beta)
    {
        Vector512<float> va = Vector512.Create(alpha);
        if (beta == 0f)
        {
            Avx512F.Store(row, Avx512F.Multiply(va, x0));
            Avx512F.Store(row + 16, Avx512F.Multiply(va, x1));
            Avx512F.Store(row + 32, Avx512F.Multiply(va, x2));
            Avx512F.Store(row + 48, Avx512F.Multiply(va, x3));
            return;
        }
        Vector512<float> vb = Vector512.Create(beta);
        Avx512F.Store(row, Avx512F.Add(Avx512F.Multiply(va, x0), Avx512F.Multiply(vb, Avx512F.LoadVector512(row))));
        Avx512F.Store(row + 16,
            Avx512F.Add(Avx512F.Multiply(va, x1), Avx512F.Multiply(vb, Avx512F.LoadVector512(row + 16))));
        Avx512F.Store(row + 32,
            Avx512F.Add(Avx512F.Multiply(va, x2), Avx512F.Multiply(vb, Avx512F.LoadVector512(row + 32))));
        Avx512F.Store(row + 48,
            Avx512F.Add(Avx512F.Multiply(va, x3), Avx512F.Multiply(vb, Avx512F.LoadVector512(row + 48))));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Overwrite(float* row, Vector512<float> x0, Vector512<float> x1, Vector512<float> va)
    {
        Avx512F.Store(row, Avx512F.Multiply(x0, va));
        Avx512F.Store(row + 16, Avx512F.Multiply(x1, va));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(float* row, Vector512<float> x0, Vector512<float> x1, Vector512<float> va,
        Vector512<float> vb)
    {
        Avx512F.Store(row, Avx512F.FusedMultiplyAdd(x0, va, Avx512F.Multiply(Avx512F.LoadVector512(row), vb)));
        Avx512F.Store(row + 16,
            Avx512F.FusedMultiplyAdd(x1, va, Avx512F.Multiply(Avx512F.LoadVector512(row + 16), vb)));
    }
}
