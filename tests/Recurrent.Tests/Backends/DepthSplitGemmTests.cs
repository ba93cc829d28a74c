namespace Recurrent.Tests.Backends;

using System.Runtime.Intrinsics;
using Recurrent.Backends.Cpu;

/// <summary>
/// Weight-gradient shapes (Aᵀ, K ≥ 2048, C of at most 16 K values) are split along their depth, the second half summed
/// into scratch and added (GemmParallelJob). Each result must match the naive product, and the split depends on the
/// shape alone, so one thread and two must give the same bits.
/// </summary>
public class DepthSplitGemmTests
{
    [Theory]
    [InlineData(128, 128, 2500, false, 1.0, 0.0)] // an RNN 2×128's dW_hh
    [InlineData(65, 128, 2500, false, 1.0, 1.0)]  // the head's dW, accumulating
    [InlineData(13, 37, 2051, true, 0.5, 1.0)]    // odd edges, Bᵀ, α and β
    [InlineData(7, 5, 4099, false, -2.0, 0.25)]
    public void SplitProduct_MatchesTheNaiveOne_OnOneThreadAndTwo(int m, int n, int k, bool transB, double alpha,
        double beta)
    {
        Assert.True(Splits(true, m, n, k), "shape not split");
        var random = new Random(m * 31 + k);
        float[] a = Fill(random, k * m), b = Fill(random, k * n), c0 = Fill(random, m * n);
        double[] expected = new double[m * n], magnitude = new double[m * n];
        ReferenceGemm.Multiply(true, transB, m, n, k, alpha, [.. a.Select(v => (double)v)],
            m, [.. b.Select(v => (double)v)], transB ? k : n,
            0.0, expected, n);
        ReferenceGemm.Multiply(true, transB, m, n, k, Math.Abs(alpha), [.. a.Select(v => Math.Abs((double)v))], m,
            [.. b.Select(v => Math.Abs((double)v))], transB ? k : n, 0.0, magnitude, n);
        IDisposable? limit = null; // this flow's own thread count, ended below
        try
        {
            float[] Run(int threads)
            {
                limit?.Dispose();
                limit = WorkerPool.Limit(threads);
                float[] c = (float[])c0.Clone();
                Gemm.Multiply(true, transB, m, n, k, (float)alpha, a, m, b, transB ? k : n, (float)beta, c, n);
                return c;
            }
            float[] one = Run(1), two = Run(2);
            for (int i = 0; i < one.Length; i++)
            {
                // The worst-case bound of a float sum of k + 1 terms, (k + 1)·2⁻²⁴·Σ|term|, against the double product.
                double exact = expected[i] + beta * c0[i];
                double tolerance = (k + 1) * Math.Pow(2, -24) * (magnitude[i] + Math.Abs(beta * c0[i]));
                Assert.True(BitConverter.SingleToInt32Bits(one[i]) == BitConverter.SingleToInt32Bits(two[i]),
                    $"C[{i}]: {one[i]:R} on one thread, {two[i]:R} on two");
                Assert.True(Math.Abs(one[i] - exact) <= tolerance,
                    $"C[{i}] = {one[i]:R}, naive in double {exact:R} (tolerance {tolerance:G3})");
            }
        }
        finally
        {
            limit?.Dispose();
        }
    }

    [Fact]
    public void ShallowOrLargeProducts_AreNotSplit()
    {
        Assert.False(Splits(true, 128, 128, 2047));  // too shallow
        Assert.False(Splits(true, 512, 128, 2500));  // C too large for the scratch (the LSTM's dW: no faster split)
        Assert.False(Splits(false, 128, 128, 2500)); // not a weight-gradient product
    }

    private static bool Splits(bool transA, int m, int n, int k) =>
        GemmParallelJob<float, SingleKernel<FloatLanes256, Vector256<float>>>.SplitsDepth(transA, m, n, k);

    private static float[] Fill(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)random.NextDouble() - 0.5f;
        return values;
    }
}
