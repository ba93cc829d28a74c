using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// The GotoBLAS/BLIS loop nest over one rectangle of C on the calling thread: B panels of Kc×Nc packed once and
/// kept in L3, A blocks of Mc×Kc packed once per panel and kept in L2, and the micro-kernel sweeping Kc×Nr B
/// slivers, which stay near the core, against Mr×Kc A slivers.
/// </summary>
/// <remarks>
/// α and β are applied when a tile is written: the first Kc step of the depth uses the caller's β, later steps add
/// (β = 1). Tiles cut by the edge of C are computed into a small scratch tile and copied, so the kernel stays
/// branch-free. When A is row-major (not transposed), kernels that can read A where it lies do so instead of packing
/// it: a block of A is read from L2 once per B sliver either way, six short rows instead of one packed sliver, and the
/// copy costs more than it saves, both on the sequence-level products and on the per-step ones (A one step's h or da
/// rows, B packed beforehand). Past one depth block (K &gt; Kc) packing wins again, so deep products with B packed here
/// keep packing A. The measurements are in docs/benchmarks.md.
/// </remarks>
internal static unsafe class GemmDriver<T, TKernel>
    where T : unmanaged, IFloatingPointIeee754<T> where TKernel : IGemmMicroKernel<T>
{
    /// <summary>C[rowStart..rowEnd, colStart..colEnd] = α·op(A)·op(B) + β·C on that rectangle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmOperands<T> op, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        int rows = rowEnd - rowStart, cols = colEnd - colStart;
        if (rows <= 0 || cols <= 0) return;
        // Aᵀ marks the weight-gradient products (dW = dzᵀ·x over all T·B rows: deep and narrow). Half the depth per
        // block halves both packing buffers (A 196 → 98 KB, B 131 → 66 KB a thread for an RNN 2×128) at the same speed.
        // B packed by the caller keeps its Kc layout.
        // Its A block need not be taller than the B panel is wide either: with few columns a part (the RNN's 128×128
        // split 64 + 64) a 96-row block only makes the A buffer the larger one. Half-height blocks there lower the
        // working set at the same speed; wider parts (the LSTM 2×128's, 128 columns) keep 96 rows, which are faster
        // there (docs/benchmarks.md).
        // Half of a product split along its depth packs every column of B: a quarter of Kc keeps that panel (and the A
        // block, half height) no larger than a column half's at Kc/2, so splitting adds no packing memory.
        int depthBlock = op.DepthHalf ? TKernel.Kc / 4 : op.TransA && op.PackedB is null ? TKernel.Kc / 2 : TKernel.Kc;
        int rowBlock = op.DepthHalf || op.TransA && op.PackedB is null
            && Math.Min(TKernel.Mc, rows) > RoundUp(Math.Min(TKernel.Nc, cols), nr)
            ? Math.Max(mr, TKernel.Mc / 2 / mr * mr) : TKernel.Mc;
        int kcAlloc = Math.Min(depthBlock, op.K);
        GemmPackBuffers buffers = GemmPackBuffers.ForCurrentThread;
        bool rowMajorA = ReadsAInPlace(op, rows, cols);
        // Narrow last columns as dot products (EdgeDots) only where every block reads A in place with or without B
        // packed beforehand, one depth block: the two forms of a product then take the same path and give the same
        // bits.
        bool edgeDots = rowMajorA && op.K <= TKernel.Kc;
        T* packedA = rowMajorA ? null : buffers.A<T>(RoundUp(Math.Min(rowBlock, rows), mr) * kcAlloc);
        T* packedB = op.PackedB is null ? buffers.B<T>(RoundUp(Math.Min(TKernel.Nc, cols), nr) * kcAlloc) : null;
        T* edge = stackalloc T[mr * nr];

        for (int jc = colStart; jc < colEnd; jc += TKernel.Nc)
        {
            int nc = Math.Min(TKernel.Nc, colEnd - jc);
            for (int pc = 0; pc < op.K; pc += depthBlock)
            {
                int kc = Math.Min(depthBlock, op.K - pc);
                T* panel = packedB;
                if (op.PackedB is null) GemmPacking.PackB<T, TKernel>(op.TransB, op.B, op.Ldb, pc, jc, kc, nc, packedB);
                else panel = op.PackedB + pc * op.PackedStride + jc * kc; // packed once by the caller, same layout
                T beta = pc == 0 ? op.Beta : T.One;
                for (int ic = rowStart; ic < rowEnd; ic += rowBlock)
                {
                    int mc = Math.Min(rowBlock, rowEnd - ic);
                    T* c = op.C + ic * op.Ldc + jc;
                    // in cache as the block reads it
                    if (pc == 0 && op.RowBias != null) FillRows(c, op.Ldc, mc, nc, op.RowBias + jc);
                    if (rowMajorA)
                    {
                        MacroKernel(kc, mc, nc, op.A + ic * op.Lda + pc, op.Lda, panel, c, op.Ldc, op.Alpha, beta, edge,
                            edgeDots);
                        continue;
                    }
                    GemmPacking.PackA<T, TKernel>(op.TransA, op.A, op.Lda, ic, pc, mc, kc, packedA);
                    MacroKernel(kc, mc, nc, packedA, 0, panel, c, op.Ldc, op.Alpha, beta, edge, false);
                }
            }
        }
    }

    /// <summary>
    /// Whether this rectangle reads A row-major (see the remarks): A not transposed, a kernel that can, B packed
    /// beforehand or a depth of one block, and no tile that would read rows past the end of A: every block cuts into
    /// slivers of <see cref="IGemmMicroKernel{T}.MinRowMajorRows"/> to Mr rows, or its last sliver is a few-rows one
    /// and then the columns pair up into two-sliver blocks (a lone last sliver would go through the full tile on
    /// padding rows).
    /// </summary>
    private static bool ReadsAInPlace(in GemmOperands<T> op, int rows, int cols)
    {
        if (op.TransA || !TKernel.ReadsRowMajorA || op.PackedB is null && op.K > TKernel.Kc) return false;
        int last = (rows - 1) % TKernel.Mc + 1; // Mc is a multiple of Mr: only the last block can be cut short
        if (SliverHeight(last) >= TKernel.MinRowMajorRows) return true;
        return last % TKernel.Mr <= TKernel.FewRows && cols <= TKernel.Nc && cols % (2 * TKernel.Nr) == 0;
    }

    /// <summary>
    /// The shorter height when <paramref name="mc"/> rows are cut into the fewest slivers of at most Mr rows, as evenly
    /// as can be: 24 → 6, 25 → 5 (five of 5), 26 → 5 (6 + four of 5), 7 → 3.
    /// </summary>
    private static int SliverHeight(int mc) => mc / ((mc + TKernel.Mr - 1) / TKernel.Mr);

    /// <summary>
    /// Multiplies one Mc×Kc A block, packed or (<paramref name="lda"/> &gt; 0) row-major in place, by one packed Kc×Nc
    /// B panel into C, one Mr×Nr tile per call; a last sliver of at most <see cref="IGemmMicroKernel{T}.FewRows"/> rows
    /// goes two B slivers at a time through the kernel's few-rows path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MacroKernel(int kc, int mc, int nc, T* a, nint lda, T* packedB, T* c, nint ldc, T alpha, T beta,
        T* edge, bool edgeDots)
    {
        if (lda > 0 && SliverHeight(mc) >= TKernel.MinRowMajorRows)
        {
            EvenSlivers(kc, mc, nc, a, lda, packedB, c, ldc, alpha, beta, edge, edgeDots);
            return;
        }
        int mr = TKernel.Mr, nr = TKernel.Nr;
        int fullRows = mc / mr * mr, restRows = mc - fullRows;
        bool few = restRows > 0 && restRows <= TKernel.FewRows;
        int tiledRows = few ? fullRows : mc;
        if (lda > 0) tiledRows = fullRows; // a few-rows tail (ReadsAInPlace)
        for (int jr = 0; jr < nc && tiledRows > 0; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            T* bSliver = packedB + jr * kc;
            for (int ir = 0; ir < tiledRows; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                T* tile = c + ir * ldc + jr;
                if (lda > 0)
                {
                    RowMajorTile(mr, cols, kc, a + ir * lda, lda, bSliver, tile, ldc, alpha, beta, edge);
                    continue;
                }
                T* aSliver = a + ir * kc;
                if (rows == mr && cols == nr)
                {
                    TKernel.Compute(kc, aSliver, bSliver, tile, ldc, alpha, beta);
                }
                else
                {
                    TKernel.Compute(kc, aSliver, bSliver, edge, nr, T.One, T.Zero);
                    WriteEdge(edge, tile, ldc, rows, cols, alpha, beta);
                }
            }
        }
        if (!few) return;
        T* restC = c + fullRows * ldc;
        int pair = 0;
        if (lda > 0)
        {
            for (; pair + 2 * nr <= nc; pair += 2 * nr) // nc pairs up (ReadsAInPlace)
                TKernel.ComputeFewRowsRowMajorA(restRows, kc, a + fullRows * lda, lda, packedB + pair * kc,
                    restC + pair, ldc, alpha, beta);
            return;
        }
        T* restA = a + fullRows * kc;
        for (; pair + 2 * nr <= nc; pair += 2 * nr)
            TKernel.ComputeFewRows(restRows, kc, restA, packedB + pair * kc, restC + pair, ldc, alpha, beta);
        for (int jr = pair; jr < nc; jr += nr) // a last single or partial sliver
        {
            TKernel.Compute(kc, restA, packedB + jr * kc, edge, nr, T.One, T.Zero);
            WriteEdge(edge, restC + jr, ldc, restRows, Math.Min(nr, nc - jr), alpha, beta);
        }
    }

    /// <summary>
    /// A row-major block cut into the fewest slivers of at most Mr rows, as even as can be
    /// (<see cref="SliverHeight"/>): the 25 rows of half a 50-row batch run as five full-speed 5-row tiles, not four
    /// 6-row ones and a 1-row tail that costs as much as a 2-row one, so two threads splitting 50 rows 25/25 finish
    /// together.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EvenSlivers(int kc, int mc, int nc, T* a, nint lda, T* packedB, T* c, nint ldc, T alpha, T beta,
        T* edge, bool edgeDots)
    {
        int slivers = (mc + TKernel.Mr - 1) / TKernel.Mr, height = mc / slivers, taller = mc % slivers;
        for (int jr = 0; jr < nc; jr += TKernel.Nr)
        {
            int cols = Math.Min(TKernel.Nr, nc - jr);
            T* bSliver = packedB + jr * kc;
            if (edgeDots && cols <= DotColumns)
            {
                EdgeDots(kc, mc, cols, a, lda, bSliver, c + jr, ldc, alpha, beta);
                continue;
            }
            for (int s = 0, ir = 0; s < slivers; s++)
            {
                int rows = s < taller ? height + 1 : height;
                RowMajorTile(rows, cols, kc, a + ir * lda, lda, bSliver, c + ir * ldc + jr, ldc, alpha, beta, edge);
                ir += rows;
            }
        }
    }

    // A last B sliver this narrow goes column by column as dot products of A's rows (EdgeDots), not through a full
    // tile.
    private const int DotColumns = 4;

    /// <summary>
    /// C[i, j] = α·(A row i · B column j) + β·C[i, j] for the few columns of a last B sliver, A row-major in place: the
    /// head's 65th logit column took a whole 16-wide tile per 6 rows, a fifth of the product's multiply-adds for 1/65
    /// of its values (docs/benchmarks.md). A dot product runs along the depth,
    /// a vector of it at a time, so a column takes 1/16 of the multiply-adds a tile spends on it; the sums are taken
    /// the same way for every row, block and thread count.
    /// </summary>
    private static void EdgeDots(int kc, int mc, int cols, T* a, nint lda, T* bSliver, T* c, nint ldc, T alpha, T beta)
    {
        int nr = TKernel.Nr;
        T* column = stackalloc T[kc];
        for (int j = 0; j < cols; j++)
        {
            // the packed sliver holds B's column j at stride Nr
            for (int p = 0; p < kc; p++) column[p] = bSliver[p * nr + j];
            for (int i = 0; i < mc; i++)
            {
                T dot = Dot(a + i * lda, column, kc);
                T* target = c + i * ldc + j;
                *target = beta == T.Zero ? alpha * dot : alpha * dot + beta * *target;
            }
        }
    }

    // Four vector sums along the depth (one would wait on its own additions), then added together and across lanes.
    // TensorPrimitives.Dot in its place was slower on the head's product and slow until tiered up (docs/benchmarks.md).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Dot(T* x, T* y, int n)
    {
        int width = Vector256<T>.Count, p = 0;
        Vector256<T> s0 = default, s1 = default, s2 = default, s3 = default;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; p <= n - 4 * width; p += 4 * width)
            {
                s0 += Vector256.Load(x + p) * Vector256.Load(y + p);
                s1 += Vector256.Load(x + p + width) * Vector256.Load(y + p + width);
                s2 += Vector256.Load(x + p + 2 * width) * Vector256.Load(y + p + 2 * width);
                s3 += Vector256.Load(x + p + 3 * width) * Vector256.Load(y + p + 3 * width);
            }
            for (; p <= n - width; p += width) s0 += Vector256.Load(x + p) * Vector256.Load(y + p);
        }
        T total = Vector256.Sum(s0 + s1 + (s2 + s3));
        for (; p < n; p++) total += x[p] * y[p];
        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowMajorTile(int rows, int cols, int kc, T* a, nint lda, T* bSliver, T* tile, nint ldc, T alpha,
        T beta, T* edge)
    {
        if (cols == TKernel.Nr)
        {
            TKernel.ComputeRowMajorA(rows, kc, a, lda, bSliver, tile, ldc, alpha, beta);
            return;
        }
        TKernel.ComputeRowMajorA(rows, kc, a, lda, bSliver, edge, TKernel.Nr, T.One, T.Zero);
        WriteEdge(edge, tile, ldc, rows, cols, alpha, beta);
    }

    private static void WriteEdge(T* edge, T* tile, nint ldc, int rows, int cols, T alpha, T beta)
    {
        int nr = TKernel.Nr;
        for (int i = 0; i < rows; i++)
        {
            T* row = tile + i * ldc;
            for (int j = 0; j < cols; j++)
                row[j] = beta == T.Zero ? alpha * edge[i * nr + j] : alpha * edge[i * nr + j] + beta * row[j];
        }
    }

    private static void FillRows(T* c, nint ldc, int rows, int cols, T* row)
    {
        var source = new ReadOnlySpan<T>(row, cols);
        for (int i = 0; i < rows; i++) source.CopyTo(new Span<T>(c + i * ldc, cols));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
