using Recurrent.Backends.Cpu;

namespace Recurrent.Tests.Backends;

/// <summary>The one-row path (c = α·a·Bᵀ + β·c, generation at batch 1) against the reference GEMM, serial and shared
/// among threads.</summary>
public class GemvTests
{
    [Theory]
    [InlineData(1, 1, 0f)]
    [InlineData(7, 31, 0f)]
    [InlineData(65, 512, 1f)]
    [InlineData(2048, 512, 0.5f)]   // parallel: n·k ≥ 2^18
    [InlineData(2051, 77, -1f)]     // parallel with tails
    public void OneRowTimesTransposedB_MatchesReference(int n, int k, float beta)
    {
        var rng = new Random(n * 31 + k);
        float[] Random(int length) => [.. Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() * 2 - 1))];
        int ldb = k + 3;
        float[] a = Random(k), b = Random(n * ldb), c = Random(n), expected = (float[])c.Clone();
        ReferenceGemm.Multiply(false, true, 1, n, k, 0.75f, a, k, b, ldb, beta, expected, n);
        Gemm.Multiply(false, true, 1, n, k, 0.75f, a, k, b, ldb, beta, c, n);
        int worst = 0;
        double largest = 0;
        for (int j = 0; j < n; j++)
        {
            double d = Math.Abs(expected[j] - c[j]) / (1 + Math.Abs(expected[j]));
            if (d > largest) (largest, worst) = (d, j);
        }
        Assert.True(largest < 1e-5,
            $"largest relative difference {largest:E2} at {worst} ({expected[worst]} vs {c[worst]})");
    }
}
