using System.Runtime.CompilerServices;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// General matrix multiply C = α·op(A)·op(B) + β·C, row-major, with all transpose combinations: the one fast kernel
/// every layer calls. Sizes follow BLAS: op(A) is m×k, op(B) is k×n, C is m×n; in an RNN m is the batch rows,
/// k the inner (input) size and n the outputs, and benchmark shapes are written M×K×N in that order.
/// </summary>
/// <remarks>
/// Blocked and packed in the GotoBLAS/BLIS style (<see cref="GemmDriver{T, TKernel}"/>), with a 6×32 AVX-512 (float),
/// a 6×16 (float) or 6×8 (double) AVX2/FMA micro-kernel and a 128-bit portable kernel, chosen by
/// <see cref="KernelSelection"/>. Products of at least
/// <see cref="ParallelThreshold"/> multiply-adds are split over up to <see cref="WorkerPool.MaxThreads"/> threads.
/// <see cref="ReferenceGemm"/> is its simple twin; tests hold the two equal.
/// </remarks>
internal static class Gemm
{
    /// <summary>m·n·k at and above which a product is split over threads; below it, waking threads costs more than it
    /// saves.</summary>
    internal const long ParallelThreshold = 1L << 20;

    // Threads a product may use here: one inside a part of a parallel job, whose siblings already hold the workers.
    private static int Threads => WorkerPool.InsideJob ? 1 : WorkerPool.MaxThreads;

    /// <summary>C (m×n, leading dimension ldc) = α·op(A)·op(B) + β·C, with op(A) m×k and op(B) k×n.</summary>
    /// <param name="transA">Use Aᵀ: A is stored k×m (lda ≥ m) instead of m×k (lda ≥ k).</param>
    /// <param name="transB">Use Bᵀ: B is stored n×k (ldb ≥ k) instead of k×n (ldb ≥ n).</param>
    /// <exception cref="ArgumentException">A size is negative, or a stride or buffer is too small for its
    /// matrix.</exception>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
        => Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, KernelSelection.Current);

    /// <summary>
    /// Matrix form on tensors seen as matrices (Rows × RowLength): C = α·op(A)·op(B) + β·C, with shape checks
    /// that name what was expected and what came.
    /// </summary>
    public static void Multiply<T>(Tensor<T> a, bool transA, Tensor<T> b, bool transB, Tensor<T> c,
        T alpha, T beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int aRows = a.Rows, aCols = a.RowLength, bRows = b.Rows, bCols = b.RowLength;
        int m = transA ? aCols : aRows, k = transA ? aRows : aCols;
        int kb = transB ? bCols : bRows, n = transB ? bRows : bCols;
        if (k != kb)
            throw new ShapeMismatchException(
                $"matrix product: inner sizes differ, op(A) is {m}×{k} and op(B) is {kb}×{n}");
        if (c.Rows != m || c.RowLength != n)
            throw new ShapeMismatchException(
                $"matrix product: expected C (m, n) = ({m}, {n}), got {ShapeText.Format(c.Shape)}");
        Multiply(transA, transB, m, n, k, alpha, a.Span, aCols, b.Span, bCols, beta, c.Span, n);
    }

    /// <summary>
    /// As
    /// <see cref="Multiply{T}(bool, bool, int, int, int, T, ReadOnlySpan{T}, int, ReadOnlySpan{T}, int, T,
    /// Span{T}, int)"/>;
    /// <paramref name="instructionSet"/> picks the kernel (one the machine runs), so tests cover the narrower paths on
    /// wider machines too.
    /// </summary>
    internal static unsafe void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc, CpuInstructionSet instructionSet) where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmArguments.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == T.Zero)
        {
            Scale(m, n, beta, c, ldc);
            return;
        }
        int threads = (long)m * n * k >= ParallelThreshold ? Threads : 1;
        var kernel = KernelFor<T>(instructionSet);
        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        {
            if (kernel is GemmKernel.Avx2Single or GemmKernel.Avx512Single && m == 1 && transB && (!transA || lda == 1))
                GemvJob.Run((float*)pa, (float*)pb, ldb, (float*)pc, n, k, Unsafe.BitCast<T, float>(alpha),
                    Unsafe.BitCast<T, float>(beta), Threads);
            else
                Run(kernel, new GemmOperands<T>(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc),
                    threads);
        }
    }

    /// <summary>
    /// C (m×n, leading dimension ldc) = α·op(A)·op(B) + 1·b for a row b (n) added to every row (a bias): the bits of
    /// copying b into every row of C and multiplying with β = 1, but each block of C is filled just before the kernels
    /// read it, in cache, instead of in a pass of its own over all of C (an LSTM 2×128's 2,500 × 512 projections: 5 MB
    /// written, then read back). C's old values are not read.
    /// </summary>
    internal static unsafe void MultiplyAddingRow<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, ReadOnlySpan<T> rowBias, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmArguments.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (rowBias.Length < n)
            throw new ArgumentException($"GEMM: the row added to C needs {n} values, got {rowBias.Length}",
            nameof(rowBias));
        if (m == 0 || n == 0) return;
        if (m == 1 || k == 0 || alpha == T.Zero) // one row (the GEMV path) or no product: fill, then multiply onto it
        {
            for (int i = 0; i < m; i++) rowBias[..n].CopyTo(c.Slice(i * ldc, n));
            if (k > 0 && alpha != T.Zero) Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, T.One, c, ldc);
            return;
        }
        int threads = (long)m * n * k >= ParallelThreshold ? Threads : 1;
        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        fixed (T* pr = rowBias)
            Run(KernelFor<T>(KernelSelection.Current),
                new GemmOperands<T>(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, T.One, pc, ldc, rowBias: pr),
                threads);
    }

    /// <summary>
    /// C (m×n, leading dimension ldc) = α·op(A)·op(B) + β·C with op(B) packed beforehand (k×n): the product of
    /// <see cref="Multiply{T}(bool, bool, int, int, int, T, ReadOnlySpan{T}, int, ReadOnlySpan{T}, int, T,
    /// Span{T}, int)"/>
    /// without packing B, bit for bit the same. For a B multiplied many times, e.g. W_hh at every step of a sequence.
    /// </summary>
    /// <param name="transA">Use Aᵀ: A is stored k×m (lda ≥ m) instead of m×k (lda ≥ k).</param>
    /// <param name="b">op(B), packed by
    /// <see cref="PackedMatrix{T}.Pack(bool, int, int, ReadOnlySpan{T}, int)"/>.</param>
    public static unsafe void Multiply<T>(bool transA, int m, T alpha, ReadOnlySpan<T> a, int lda, PackedMatrix<T> b,
        T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.Data is null)
            throw new ArgumentException("GEMM: the packed B holds no matrix yet; call Pack first", nameof(b));
        int n = b.N, k = b.K;
        GemmArguments.Validate(transA, false, m, n, k, a.Length, lda, k * n, Math.Max(1, n), c.Length, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == T.Zero)
        {
            Scale(m, n, beta, c, ldc);
            return;
        }
        int threads = (long)m * n * k >= ParallelThreshold ? Threads : 1;
        fixed (T* pa = a)
        fixed (T* pc = c)
            Run(b.Kernel,
                new GemmOperands<T>(transA, false, m, n, k, alpha, pa, lda, null, 0, beta, pc, ldc, b.Data, b.Stride),
                threads);
        GC.KeepAlive(b); // its finalizer frees the values the kernels just read
    }

    /// <summary>The kernel products of T run on at <paramref name="instructionSet"/>: AVX-512 for float, AVX2/FMA for
    /// float and double, where the machine has them; else portable.</summary>
    internal static GemmKernel KernelFor<T>(CpuInstructionSet instructionSet) where T : unmanaged =>
        instructionSet == CpuInstructionSet.Portable ? GemmKernel.Portable
        : typeof(T) == typeof(float) && instructionSet == CpuInstructionSet.Avx512 && Avx512SingleKernel.IsSupported
            ? GemmKernel.Avx512Single
        : typeof(T) == typeof(float) && Avx2SingleKernel.IsSupported ? GemmKernel.Avx2Single
        : typeof(T) == typeof(double) && Avx2DoubleKernel.IsSupported ? GemmKernel.Avx2Double
        : GemmKernel.Portable;

    // Runs validated operands on the kernel's driver, split over the threads.
    private static unsafe void Run<T>(GemmKernel kernel, in GemmOperands<T> op, int threads) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        if (kernel == GemmKernel.Avx512Single)
            GemmParallelJob<float,
                Avx512SingleKernel>.Run(Unsafe.As<GemmOperands<T>, GemmOperands<float>>(ref Unsafe.AsRef(in op)),
                threads);
        else if (kernel == GemmKernel.Avx2Single)
            GemmParallelJob<float,
                Avx2SingleKernel>.Run(Unsafe.As<GemmOperands<T>, GemmOperands<float>>(ref Unsafe.AsRef(in op)),
                threads);
        else if (kernel == GemmKernel.Avx2Double)
            GemmParallelJob<double,
                Avx2DoubleKernel>.Run(Unsafe.As<GemmOperands<T>, GemmOperands<double>>(ref Unsafe.AsRef(in op)),
                threads);
        else
            GemmParallelJob<T, PortableKernel<T>>.Run(op, threads);
    }

    // C = β·C when the product term vanishes; β = 0 writes zeros rather than multiplying, so NaN in C cannot survive.
    private static void Scale<T>(int m, int n, T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            Span<T> row = c.Slice(i * ldc, n);
            if (beta == T.Zero) row.Clear();
            else if (beta != T.One)
                for (int j = 0; j < row.Length; j++) row[j] *= beta;
        }
    }
}
