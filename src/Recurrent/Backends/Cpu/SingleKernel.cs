using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// 6×(2·w) single-precision micro-kernel on w-float vectors (<typeparamref name="TLanes"/>): 6×16 on AVX2/FMA
/// (<c>Avx2SingleKernel</c>), 6×32 on AVX-512F (<c>Avx512SingleKernel</c>). Each depth step loads two B vectors and
/// broadcasts one A value per row into 12 independent FMAs (c[i, ·] += a[i]·b[·], two vectors per row), enough to
/// hide FMA latency on two pipes; 12 accumulators, two B vectors and one broadcast use 15 of AVX2's 16 ymm registers
/// (15 of AVX-512's 32 zmm), so the same six rows serve both widths and only the sliver is twice as wide.
/// </summary>
/// <remarks>
/// One piece of code for both widths: the lanes are a struct type argument, so each width is compiled on its own
/// with every lane operation inlined and the widths folded to constants, the machine code of the two hand-written
/// kernels this replaced (docs/benchmarks.md, "one kernel for both widths"); every accumulator sums over p in the
/// same order at both widths. Mr = 6 at both keeps one A layout (<see cref="Avx2Packing.PackSixRows"/> serves both)
/// and the same row-major-A paths (4–6-row tiles, 1–3-row tails) the time loops rely on.
/// Blocking chosen by measurement, faster than BLIS's Mc = 144, Kc = 256: a Kc·Nr·4 B sliver (32 KiB at 256 bits,
/// 64 KiB at 512, streamed from L1/L2; Zen 5's 1 MiB L2 feeds 64 B a cycle) and an Mc·Kc·4 B = 192 KiB A block kept
/// in L2; the deeper Kc halves the passes over C, and is the same at both widths so a product one depth block deep at
/// one is one at the other.
/// </remarks>
internal unsafe struct SingleKernel<TLanes, TVector> : IGemmMicroKernel<float>
    where TLanes : struct, IFloatLanes<TVector> where TVector : struct
{
    public static bool IsSupported => TLanes.IsSupported;
    public static int Mr => 6;
    public static int Nr => 2 * TLanes.Count;
    public static int Mc => 96;
    public static int Kc => 512;

    /// <summary>Columns of a packed B panel: BLIS's 4080 = 255·16 for the 256-bit kernel, 4096 = 128·32 for the
    /// 512-bit one, each a multiple of its Nr (the values both kernels were measured with).</summary>
    public static int Nc => TLanes.Count == 8 ? 4080 : 4096;

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
    /// The rows×Nr tile (rows = 4, 5 or 6, a constant at every call, so the unused accumulators fold away) with A's
    /// value (i, p) at a[i·row + p·step]: (1, 6) is a packed sliver, (lda, 1) rows of a row-major A read where they
    /// lie. Inlined into every caller, so each folds its own strides; every row's sum runs over p in the same order
    /// whatever the tile's height, so 25 rows as five 5-row tiles give the bits of 4·6 + 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(int rows, int kc, float* a, nint row, nint step, float* b, float* c, nint ldc, float alpha,
        float beta)
    {
        int w = TLanes.Count;
        PrefetchC(rows, 2 * w, c, ldc, beta);
        TVector c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        TVector c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        float* a3 = a + 3 * row;
        for (int p = 0; p < kc; p++)
        {
            TVector b0 = TLanes.Load(b), b1 = TLanes.Load(b + w);
            TVector ai = TLanes.Broadcast(a[0]);
            c00 = TLanes.FusedMultiplyAdd(ai, b0, c00); c01 = TLanes.FusedMultiplyAdd(ai, b1, c01);
            ai = TLanes.Broadcast(a[row]);
            c10 = TLanes.FusedMultiplyAdd(ai, b0, c10); c11 = TLanes.FusedMultiplyAdd(ai, b1, c11);
            ai = TLanes.Broadcast(a[2 * row]);
            c20 = TLanes.FusedMultiplyAdd(ai, b0, c20); c21 = TLanes.FusedMultiplyAdd(ai, b1, c21);
            ai = TLanes.Broadcast(a3[0]);
            c30 = TLanes.FusedMultiplyAdd(ai, b0, c30); c31 = TLanes.FusedMultiplyAdd(ai, b1, c31);
            if (rows > 4)
            {
                ai = TLanes.Broadcast(a3[row]);
                c40 = TLanes.FusedMultiplyAdd(ai, b0, c40); c41 = TLanes.FusedMultiplyAdd(ai, b1, c41);
            }
            if (rows > 5)
            {
                ai = TLanes.Broadcast(a3[2 * row]);
                c50 = TLanes.FusedMultiplyAdd(ai, b0, c50); c51 = TLanes.FusedMultiplyAdd(ai, b1, c51);
            }
            a += step;
            a3 += step;
            b += 2 * w;
        }
        TVector va = TLanes.Broadcast(alpha);
        if (beta == 0f)
        {
            Overwrite(c, c00, c01, va); Overwrite(c + ldc, c10, c11, va); Overwrite(c + 2 * ldc, c20, c21, va);
            Overwrite(c + 3 * ldc, c30, c31, va);
            if (rows > 4) Overwrite(c + 4 * ldc, c40, c41, va);
            if (rows > 5) Overwrite(c + 5 * ldc, c50, c51, va);
        }
        else
        {
            TVector vb = TLanes.Broadcast(beta);
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
    /// Up to three rows against two adjacent B slivers (2·Nr columns): 8 or 12 accumulators instead of the full tile's
    /// 12 for 6×Nr, so two rows cost a third of the two full tiles they would otherwise take.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ComputeFewRows(int rows, int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        if (rows <= 2) TwoRows(rows, kc, a, 1, 6, b, b + Nr * kc, c, ldc, alpha, beta);
        else ThreeRows(kc, a, 1, 6, b, b + Nr * kc, c, ldc, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ComputeFewRowsRowMajorA(int rows, int kc, float* a, nint lda, float* b, float* c, nint ldc,
        float alpha, float beta)
    {
        if (rows <= 2) TwoRows(rows, kc, a, lda, 1, b, b + Nr * kc, c, ldc, alpha, beta);
        else ThreeRows(kc, a, lda, 1, b, b + Nr * kc, c, ldc, alpha, beta);
    }

    // A's value (i, p) at a[i·row + p·step], as in Tile; a second row is read only when there is one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TwoRows(int rows, int kc, float* a, nint row, nint step, float* b0, float* b1, float* c,
        nint ldc, float alpha, float beta)
    {
        int w = TLanes.Count;
        TVector c00 = default, c01 = default, c02 = default, c03 = default;
        TVector c10 = default, c11 = default, c12 = default, c13 = default;
        PrefetchC(rows, 4 * w, c, ldc, beta);
        nint secondRow = rows == 2 ? row : 0; // one row: the second accumulators repeat the first and are not written
        for (int p = 0; p < kc; p++)
        {
            TVector x0 = TLanes.Load(b0), x1 = TLanes.Load(b0 + w);
            TVector x2 = TLanes.Load(b1), x3 = TLanes.Load(b1 + w);
            TVector a0 = TLanes.Broadcast(a[0]), a1 = TLanes.Broadcast(a[secondRow]);
            c00 = TLanes.FusedMultiplyAdd(a0, x0, c00); c01 = TLanes.FusedMultiplyAdd(a0, x1, c01);
            c02 = TLanes.FusedMultiplyAdd(a0, x2, c02); c03 = TLanes.FusedMultiplyAdd(a0, x3, c03);
            c10 = TLanes.FusedMultiplyAdd(a1, x0, c10); c11 = TLanes.FusedMultiplyAdd(a1, x1, c11);
            c12 = TLanes.FusedMultiplyAdd(a1, x2, c12); c13 = TLanes.FusedMultiplyAdd(a1, x3, c13);
            a += step;
            b0 += 2 * w;
            b1 += 2 * w;
        }
        WriteRow(c, c00, c01, c02, c03, alpha, beta);
        if (rows == 2) WriteRow(c + ldc, c10, c11, c12, c13, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ThreeRows(int kc, float* a, nint row, nint step, float* b0, float* b1, float* c, nint ldc,
        float alpha, float beta)
    {
        int w = TLanes.Count;
        TVector c00 = default, c01 = default, c02 = default, c03 = default;
        TVector c10 = default, c11 = default, c12 = default, c13 = default;
        TVector c20 = default, c21 = default, c22 = default, c23 = default;
        PrefetchC(3, 4 * w, c, ldc, beta);
        for (int p = 0; p < kc; p++)
        {
            TVector a0 = TLanes.Broadcast(a[0]), a1 = TLanes.Broadcast(a[row]), a2 = TLanes.Broadcast(a[2 * row]);
            // one B vector live at a time: 12 + 3 + 1 registers, within AVX2's 16
            TVector x = TLanes.Load(b0);
            c00 = TLanes.FusedMultiplyAdd(a0, x, c00); c10 = TLanes.FusedMultiplyAdd(a1, x, c10);
            c20 = TLanes.FusedMultiplyAdd(a2, x, c20);
            x = TLanes.Load(b0 + w);
            c01 = TLanes.FusedMultiplyAdd(a0, x, c01); c11 = TLanes.FusedMultiplyAdd(a1, x, c11);
            c21 = TLanes.FusedMultiplyAdd(a2, x, c21);
            x = TLanes.Load(b1);
            c02 = TLanes.FusedMultiplyAdd(a0, x, c02); c12 = TLanes.FusedMultiplyAdd(a1, x, c12);
            c22 = TLanes.FusedMultiplyAdd(a2, x, c22);
            x = TLanes.Load(b1 + w);
            c03 = TLanes.FusedMultiplyAdd(a0, x, c03); c13 = TLanes.FusedMultiplyAdd(a1, x, c13);
            c23 = TLanes.FusedMultiplyAdd(a2, x, c23);
            a += step;
            b0 += 2 * w;
            b1 += 2 * w;
        }
        WriteRow(c, c00, c01, c02, c03, alpha, beta);
        WriteRow(c + ldc, c10, c11, c12, c13, alpha, beta);
        WriteRow(c + 2 * ldc, c20, c21, c22, c23, alpha, beta);
    }

    // α·acc (β = 0) or α·acc + β·c, each product rounded: the scratch-tile path's arithmetic, so both give the same
    // bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteRow(float* row, TVector x0, TVector x1, TVector x2, TVector x3, float alpha, float beta)
    {
        int w = TLanes.Count;
        TVector va = TLanes.Broadcast(alpha);
        if (beta == 0f)
        {
            TLanes.Store(row, TLanes.Multiply(va, x0));
            TLanes.Store(row + w, TLanes.Multiply(va, x1));
            TLanes.Store(row + 2 * w, TLanes.Multiply(va, x2));
            TLanes.Store(row + 3 * w, TLanes.Multiply(va, x3));
            return;
        }
        TVector vb = TLanes.Broadcast(beta);
        TLanes.Store(row, TLanes.Add(TLanes.Multiply(va, x0), TLanes.Multiply(vb, TLanes.Load(row))));
        TLanes.Store(row + w, TLanes.Add(TLanes.Multiply(va, x1), TLanes.Multiply(vb, TLanes.Load(row + w))));
        TLanes.Store(row + 2 * w, TLanes.Add(TLanes.Multiply(va, x2), TLanes.Multiply(vb, TLanes.Load(row + 2 * w))));
        TLanes.Store(row + 3 * w, TLanes.Add(TLanes.Multiply(va, x3), TLanes.Multiply(vb, TLanes.Load(row + 3 * w))));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Overwrite(float* row, TVector x0, TVector x1, TVector va)
    {
        TLanes.Store(row, TLanes.Multiply(x0, va));
        TLanes.Store(row + TLanes.Count, TLanes.Multiply(x1, va));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(float* row, TVector x0, TVector x1, TVector va, TVector vb)
    {
        int w = TLanes.Count;
        TLanes.Store(row, TLanes.FusedMultiplyAdd(x0, va, TLanes.Multiply(TLanes.Load(row), vb)));
        TLanes.Store(row + w, TLanes.FusedMultiplyAdd(x1, va, TLanes.Multiply(TLanes.Load(row + w), vb)));
    }
}
