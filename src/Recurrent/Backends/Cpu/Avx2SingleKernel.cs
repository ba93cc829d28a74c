using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// 6×16 single-precision micro-kernel on AVX2/FMA: 12 ymm accumulators, two B vectors and one broadcast A value
/// use 15 of the 16 ymm registers; each step issues 12 independent FMAs, enough to hide FMA latency on two pipes.
/// </summary>
/// <remarks>
/// Blocking chosen by measurement, faster than BLIS's Mc = 144, Kc = 256 (docs/benchmarks.md): a Kc·Nr·4 B
/// = 32 KiB B sliver streamed from L1/L2 and an Mc·Kc·4 B = 192 KiB A block kept in L2; the deeper Kc halves
/// the passes over C.
/// </remarks>
internal unsafe struct Avx2SingleKernel : IGemmMicroKernel<float>
{
    public static bool IsSupported => Fma.IsSupported && Avx2.IsSupported;
    public static int Mr => 6;
    public static int Nr => 16;
    public static int Mc => 96;
    public static int Kc => 512;
    public static int Nc => 4080;

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
    /// The rows×16 tile (rows = 4, 5 or 6, a constant at every call, so the unused accumulators fold away) with A's
    /// value (i, p) at a[i·row + p·step]: (1, 6) is a packed sliver, (lda, 1) rows of a row-major A read where they
    /// lie. Inlined into every caller, so each folds its own strides; every row's sum runs over p in the same order
    /// whatever the tile's height, so 25 rows as five 5-row tiles give the bits of 4·6 + 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(int rows, int kc, float* a, nint row, nint step, float* b, float* c, nint ldc, float alpha,
        float beta)
    {
        PrefetchC(rows, 16, c, ldc, beta);
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        float* a3 = a + 3 * row;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Avx.LoadVector256(b), b1 = Avx.LoadVector256(b + 8);
            Vector256<float> ai = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(ai, b0, c00); c01 = Fma.MultiplyAdd(ai, b1, c01);
            ai = Vector256.Create(a[row]);
            c10 = Fma.MultiplyAdd(ai, b0, c10); c11 = Fma.MultiplyAdd(ai, b1, c11);
            ai = Vector256.Create(a[2 * row]);
            c20 = Fma.MultiplyAdd(ai, b0, c20); c21 = Fma.MultiplyAdd(ai, b1, c21);
            ai = Vector256.Create(a3[0]);
            c30 = Fma.MultiplyAdd(ai, b0, c30); c31 = Fma.MultiplyAdd(ai, b1, c31);
            if (rows > 4)
            {
                ai = Vector256.Create(a3[row]);
                c40 = Fma.MultiplyAdd(ai, b0, c40); c41 = Fma.MultiplyAdd(ai, b1, c41);
            }
            if (rows > 5)
            {
                ai = Vector256.Create(a3[2 * row]);
                c50 = Fma.MultiplyAdd(ai, b0, c50); c51 = Fma.MultiplyAdd(ai, b1, c51);
            }
            a += step;
            a3 += step;
            b += 16;
        }
        Vector256<float> va = Vector256.Create(alpha);
        if (beta == 0f)
        {
            Overwrite(c, c00, c01, va); Overwrite(c + ldc, c10, c11, va); Overwrite(c + 2 * ldc, c20, c21, va);
            Overwrite(c + 3 * ldc, c30, c31, va);
            if (rows > 4) Overwrite(c + 4 * ldc, c40, c41, va);
            if (rows > 5) Overwrite(c + 5 * ldc, c50, c51, va);
        }
        else
        {
            Vector256<float> vb = Vector256.Create(beta);
            Update(c, c00, c01, va, vb); Update(c + ldc, c10, c11, va, vb); Update(c + 2 * ldc, c20, c21, va, vb);
            Update(c + 3 * ldc, c30, c31, va, vb);
            if (rows > 4) Update(c + 4 * ldc, c40, c41, va, vb);
            if (rows > 5) Update(c + 5 * ldc, c50, c51, va, vb);
        }
    }

    /// <summary>
    /// With β ≠ 0 the tile's C is read when it is written, after the depth loop: ask for its lines (every line of each
    /// row's <paramref name="cols"/> values) before the loop, so they arrive while it runs. A time-loop step's C is the
    /// input projection, written long before and out of cache, and without this the product waits on those lines at
    /// its write-back (docs/benchmarks.md).
    /// </summary>
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

    /// <summary>
    /// Up to three rows against two adjacent B slivers (32 columns): 8 or 12 accumulators instead of the full tile's 12
    /// for 6×16, so two rows cost a third of the two full tiles they would otherwise take.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ComputeFewRows(int rows, int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        if (rows <= 2) TwoRows(rows, kc, a, 1, 6, b, b + 16 * kc, c, ldc, alpha, beta);
        else ThreeRows(kc, a, 1, 6, b, b + 16 * kc, c, ldc, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ComputeFewRowsRowMajorA(int rows, int kc, float* a, nint lda, float* b, float* c, nint ldc,
        float alpha, float beta)
    {
        if (rows <= 2) TwoRows(rows, kc, a, lda, 1, b, b + 16 * kc, c, ldc, alpha, beta);
        else ThreeRows(kc, a, lda, 1, b, b + 16 * kc, c, ldc, alpha, beta);
    }

    // A's value (i, p) at a[i·row + p·step], as in Tile; a second row is read only when there is one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TwoRows(int rows, int kc, float* a, nint row, nint step, float* b0, float* b1, float* c,
        nint ldc, float alpha, float beta)
    {
        Vector256<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector256<float> c10 = default, c11 = default, c12 = default, c13 = default;
        PrefetchC(rows, 32, c, ldc, beta);
        nint secondRow = rows == 2 ? row : 0; // one row: the second accumulators repeat the first and are not written
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> x0 = Avx.LoadVector256(b0), x1 = Avx.LoadVector256(b0 + 8);
            Vector256<float> x2 = Avx.LoadVector256(b1), x3 = Avx.LoadVector256(b1 + 8);
            Vector256<float> a0 = Vector256.Create(a[0]), a1 = Vector256.Create(a[secondRow]);
            c00 = Fma.MultiplyAdd(a0, x0, c00); c01 = Fma.MultiplyAdd(a0, x1, c01);
            c02 = Fma.MultiplyAdd(a0, x2, c02); c03 = Fma.MultiplyAdd(a0, x3, c03);
            c10 = Fma.MultiplyAdd(a1, x0, c10); c11 = Fma.MultiplyAdd(a1, x1, c11);
            c12 = Fma.MultiplyAdd(a1, x2, c12); c13 = Fma.MultiplyAdd(a1, x3, c13);
            a += step;
            b0 += 16;
            b1 += 16;
        }
        WriteRow(c, c00, c01, c02, c03, alpha, beta);
        if (rows == 2) WriteRow(c + ldc, c10, c11, c12, c13, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ThreeRows(int kc, float* a, nint row, nint step, float* b0, float* b1, float* c, nint ldc,
        float alpha, float beta)
    {
        Vector256<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector256<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector256<float> c20 = default, c21 = default, c22 = default, c23 = default;
        PrefetchC(3, 32, c, ldc, beta);
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> a0 = Vector256.Create(a[0]), a1 = Vector256.Create(a[row]),
                a2 = Vector256.Create(a[2 * row]);
            Vector256<float> x = Avx.LoadVector256(b0); // one B vector live at a time: 12 + 3 + 1 registers
            c00 = Fma.MultiplyAdd(a0, x, c00); c10 = Fma.MultiplyAdd(a1, x, c10); c20 = Fma.MultiplyAdd(a2, x, c20);
            x = Avx.LoadVector256(b0 + 8);
            c01 = Fma.MultiplyAdd(a0, x, c01); c11 = Fma.MultiplyAdd(a1, x, c11); c21 = Fma.MultiplyAdd(a2, x, c21);
            x = Avx.LoadVector256(b1);
            c02 = Fma.MultiplyAdd(a0, x, c02); c12 = Fma.MultiplyAdd(a1, x, c12); c22 = Fma.MultiplyAdd(a2, x, c22);
            x = Avx.LoadVector256(b1 + 8);
            c03 = Fma.MultiplyAdd(a0, x, c03); c13 = Fma.MultiplyAdd(a1, x, c13); c23 = Fma.MultiplyAdd(a2, x, c23);
            a += step;
            b0 += 16;
            b1 += 16;
        }
        WriteRow(c, c00, c01, c02, c03, alpha, beta);
        WriteRow(c + ldc, c10, c11, c12, c13, alpha, beta);
        WriteRow(c + 2 * ldc, c20, c21, c22, c23, alpha, beta);
    }

    // α·acc (β = 0) or α·acc + β·c, each product rounded: the scratch-tile path's arithmetic, so both give the same
    // bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteRow(float* row, Vector256<float> x0, Vector256<float> x1, Vector256<float> x2,
        Vector256<float> x3,
        float alpha, float beta)
    {
        Vector256<float> va = Vector256.Create(alpha);
        if (beta == 0f)
        {
            Avx.Store(row, Avx.Multiply(va, x0));
            Avx.Store(row + 8, Avx.Multiply(va, x1));
            Avx.Store(row + 16, Avx.Multiply(va, x2));
            Avx.Store(row + 24, Avx.Multiply(va, x3));
            return;
        }
        Vector256<float> vb = Vector256.Create(beta);
        Avx.Store(row, Avx.Add(Avx.Multiply(va, x0), Avx.Multiply(vb, Avx.LoadVector256(row))));
        Avx.Store(row + 8, Avx.Add(Avx.Multiply(va, x1), Avx.Multiply(vb, Avx.LoadVector256(row + 8))));
        Avx.Store(row + 16, Avx.Add(Avx.Multiply(va, x2), Avx.Multiply(vb, Avx.LoadVector256(row + 16))));
        Avx.Store(row + 24, Avx.Add(Avx.Multiply(va, x3), Avx.Multiply(vb, Avx.LoadVector256(row + 24))));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Overwrite(float* row, Vector256<float> x0, Vector256<float> x1, Vector256<float> va)
    {
        Avx.Store(row, Avx.Multiply(x0, va));
        Avx.Store(row + 8, Avx.Multiply(x1, va));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(float* row, Vector256<float> x0, Vector256<float> x1, Vector256<float> va,
        Vector256<float> vb)
    {
        Avx.Store(row, Fma.MultiplyAdd(x0, va, Avx.Multiply(Avx.LoadVector256(row), vb)));
        Avx.Store(row + 8, Fma.MultiplyAdd(x1, va, Avx.Multiply(Avx.LoadVector256(row + 8), vb)));
    }
}
