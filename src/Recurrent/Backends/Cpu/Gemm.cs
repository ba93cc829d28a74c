namespace Recurrent.Backends.Cpu;

/// <summary>
/// General matrix multiply C = α·op(A)·op(B) + β·C, row-major, with all transpose combinations:
/// the one fast kernel every layer calls. PLACEHOLDER: forwards to <see cref="ReferenceGemm"/> until the
/// packed, cache-blocked, multi-threaded AVX2/FMA implementation lands.
/// </summary>
public static class Gemm
{
    /// <summary>C (m×n, leading dimension ldc) = α·op(A)·op(B) + β·C, with op(A) m×k and op(B) k×n.</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
        => ReferenceGemm.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

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
}
