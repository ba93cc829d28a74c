namespace Recurrent.Backends.Cpu;

/// <summary>Checks of GEMM sizes and strides shared by the reference and fast kernels.</summary>
internal static class GemmArguments
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first size, stride or buffer that does not
    /// fit.</summary>
    public static void Validate(bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentException($"GEMM sizes must be non-negative, got m={m}, n={n}, k={k}");
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        CheckMatrix("A", aRows, aCols, aLength, lda);
        CheckMatrix("B", bRows, bCols, bLength, ldb);
        CheckMatrix("C", m, n, cLength, ldc);
    }

    private static void CheckMatrix(string name, int rows, int cols, int length, int ld)
    {
        if (ld < Math.Max(1, cols))
            throw new ArgumentException($"GEMM: leading dimension of {name} is {ld}, expected at least " +
                $"{Math.Max(1, cols)} for a {rows}×{cols} matrix");
        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (needed > length)
            throw new ArgumentException($"GEMM: {name} is {rows}×{cols} with leading dimension {ld}, needing " +
                $"{needed} elements, but its buffer holds {length}");
    }
}
