namespace Recurrent.Tests.Backends;

using Recurrent.Backends.Cpu;

/// <summary>
/// C = α·op(A)·op(B) + 1·b with the bias row b filled into each block of C just before the kernels read it
/// (Gemm.MultiplyAddingRow, the projections' and the dense layer's form) must give the bits of filling every row of C
/// with b first and multiplying with β = 1, on one thread and two, and must not read C's old values.
/// </summary>
public class RowBiasGemmTests
{
    [Theory]
    [InlineData(2500, 65, 128, false, false)] // the head
    [InlineData(2500, 512, 65, false, true)]  // an LSTM's projection
    [InlineData(1, 40, 30, false, true)]      // one row: the GEMV path
    [InlineData(37, 23, 700, true, false)]    // two depth blocks, Aᵀ
    [InlineData(24, 300, 200, false, true)]   // split by columns on two threads
    [InlineData(7, 5, 3, false, false)]
    public void SameBitsAsFillingFirst(int m, int n, int k, bool transA, bool transB)
    {
        var random = new Random(m + n + k);
        float[] a = Fill(random, m * k), b = Fill(random, k * n), bias = Fill(random, n);
        int lda = transA ? m : k, ldb = transB ? k : n;
        IDisposable? limit = null; // this flow's own thread count, ended below
        try
        {
            foreach (int threads in new[] { 1, 2 })
            {
                limit?.Dispose();
                limit = WorkerPool.Limit(threads);
                float[] expected = new float[m * n];
                for (int i = 0; i < m; i++) bias.CopyTo(expected, i * n);
                Gemm.Multiply(transA, transB, m, n, k, 0.75f, a, lda, b, ldb, 1f, expected, n);
                float[] c = Enumerable.Repeat(float.NaN, m * n).ToArray(); // old values must not leak in
                Gemm.MultiplyAddingRow<float>(transA, transB, m, n, k, 0.75f, a, lda, b, ldb, bias, c, n);
                for (int i = 0; i < c.Length; i++)
                    Assert.True(BitConverter.SingleToInt32Bits(c[i]) == BitConverter.SingleToInt32Bits(expected[i]),
                        $"{threads} thread(s), C[{i}] = {c[i]:R}, filled first {expected[i]:R}");
            }
        }
        finally
        {
            limit?.Dispose();
        }
    }

    [Fact]
    public void RejectsABiasShorterThanTheColumns() =>
        Assert.Throws<ArgumentException>(() =>
            Gemm.MultiplyAddingRow<float>(false, false, 2, 3, 2, 1f, new float[4], 2, new float[6], 3, new float[2],
            new float[6], 3));

    private static float[] Fill(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)random.NextDouble() - 0.5f;
        return values;
    }
}
