namespace Recurrent.Backends.Cpu;

/// <summary>
/// The simple twin of <see cref="Gemm"/>: C = α·op(A)·op(B) + β·C by the textbook triple loop, accumulated in T.
/// Row-major storage; op(X) is X or Xᵀ. Slow and obviously right: tests hold the fast GEMM equal to it.
/// </summary>
internal static class ReferenceGemm
{
    /// <summary>C (m×n, leading dimension ldc) = α·op(A)·op(B) + β·C, with op(A) m×k and op(B) k×n.</summary>
    /// <param name="transA">Use Aᵀ: A is stored k×m (lda ≥ m) instead of m×k (lda ≥ k).</param>
    /// <param name="transB">Use Bᵀ: B is stored n×k (ldb ≥ k) instead of k×n (ldb ≥ n).</param>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmArguments.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    T aip = transA ? a[p * lda + i] : a[i * lda + p];
                    T bpj = transB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += aip * bpj;
                }
                ref T cij = ref c[i * ldc + j];
                // β = 0 overwrites, so NaN or garbage already in C never leaks through (BLAS semantics).
                cij = beta == T.Zero ? alpha * sum : alpha * sum + beta * cij;
            }
        }
    }
}
