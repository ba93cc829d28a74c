namespace Recurrent.Backends.Cpu;

/// <summary>
/// One validated GEMM call as raw pointers, C (M×N) = α·op(A)·op(B) + β·C, row-major: what the blocked driver and
/// its worker threads share. Only valid while the caller keeps the spans pinned. With <c>packedB</c>, op(B) comes
/// already packed (<see cref="PackedMatrix{T}"/>'s layout, rows of slivers <c>packedStride</c> apart) and b is unused.
/// </summary>
internal readonly unsafe struct GemmOperands<T>(
    bool transA, bool transB, int m, int n, int k,
    T alpha, T* a, int lda, T* b, int ldb, T beta, T* c, int ldc, T* packedB = null, nint packedStride = 0,
        bool depthHalf = false, T* rowBias = null) where T : unmanaged
{
    /// <summary>
    /// With β = 1, a row (N) every block of C is filled with just before its first depth block, in place of C's values:
    /// C = α·op(A)·op(B) + 1·rowBias, with the bits of filling C first (<see cref="Gemm"/>'s row-bias form). Null:
    /// none.
    /// </summary>
    public readonly T* RowBias = rowBias;

    /// <summary>One half of a product split along its depth (<see cref="GemmParallelJob{T, TKernel}"/>): smaller
    /// blocks.</summary>
    public readonly bool DepthHalf = depthHalf;
    public readonly T* PackedB = packedB;
    public readonly nint PackedStride = packedStride;
    public readonly bool TransA = transA, TransB = transB;
    public readonly int M = m, N = n, K = k;
    public readonly T Alpha = alpha, Beta = beta;
    public readonly T* A = a, B = b, C = c;
    public readonly nint Lda = lda, Ldb = ldb, Ldc = ldc;
}
