namespace Recurrent.Backends.Cpu;

/// <summary>
/// The CPU backend's public knobs. The kernels themselves (GEMM, packing, element-wise rows) are internal: layers call
/// them, a user's program does not. What a program may want to set or call is here.
/// </summary>
public static class CpuBackend
{
    /// <summary>
    /// Most threads one matrix product or time loop may use: reads the calling flow's limit (<see
    /// cref="LimitThreads"/>) when it has one, else the process-wide default; setting it sets the process-wide default
    /// (initially all logical processors; 1 keeps every product on the calling thread), as in BLAS libraries' thread
    /// settings.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value below 1.</exception>
    public static int MaxThreads
    {
        get => WorkerPool.MaxThreads;
        set => WorkerPool.DefaultThreads = value;
    }

    /// <summary>
    /// The vector width of the kernels (matrix products and element-wise passes), process-wide: initially the widest
    /// the machine offers (AVX-512, else AVX2/FMA, else portable), or the narrower one named by the
    /// <c>RECURRENT_CPU_KERNELS</c> environment variable (<c>avx512</c>, <c>avx2</c>, <c>portable</c>). Set it to
    /// compare the paths; weights packed before the change keep their layout and kernel. Results of the paths differ
    /// only by rounding.
    /// </summary>
    /// <exception cref="ArgumentException">An instruction set this CPU does not run.</exception>
    public static CpuInstructionSet InstructionSet
    {
        get => KernelSelection.Current;
        set => KernelSelection.Current = value;
    }

    /// <summary>The widest instruction set this CPU (and the .NET runtime) accelerates.</summary>
    public static CpuInstructionSet SupportedInstructionSet => KernelSelection.Best;

    /// <summary>
    /// Limits the calling flow (this thread and the async work it starts) to <paramref name="threads"/> threads until
    /// the returned scope is disposed; other threads keep theirs. <c>using (CpuBackend.LimitThreads(1)) { … }</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value below 1.</exception>
    public static IDisposable LimitThreads(int threads) => WorkerPool.Limit(threads);

    /// <summary>
    /// The backend's matrix product, row-major: C (m×n, leading dimension ldc) = α·op(A)·op(B) + β·C, with op(A) m×k
    /// and op(B) k×n, split over up to <see cref="MaxThreads"/> threads when large. The same product the layers use,
    /// for benchmarks and for programs that need one.
    /// </summary>
    /// <param name="transA">Use Aᵀ: A is stored k×m (lda ≥ m) instead of m×k (lda ≥ k).</param>
    /// <param name="transB">Use Bᵀ: B is stored n×k (ldb ≥ k) instead of k×n (ldb ≥ n).</param>
    /// <exception cref="ArgumentException">A size is negative, or a stride or buffer is too small for its
    /// matrix.</exception>
    public static void MatrixMultiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
        => Gemm.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
