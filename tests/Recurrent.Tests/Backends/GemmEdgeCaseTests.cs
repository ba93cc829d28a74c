namespace Recurrent.Tests.Backends;

using System.Runtime.Intrinsics;
using Recurrent.Backends.Cpu;
using Recurrent.Tensors;

/// <summary>Degenerate sizes, α = 0, the tensor overload, and argument checks of <see cref="Gemm"/>.</summary>
public class GemmEdgeCaseTests
{
    [Fact]
    public void ZeroDepth_ScalesCByBeta_AndBetaZeroClearsNaN()
    {
        float[] c = [1f, float.NaN, 3f, 4f];
        Gemm.Multiply(false, false, 2, 2, 0, 1f, [], 1, [], 2, 0f, c, 2);
        Assert.All(c, value => Assert.Equal(0f, value));

        double[] d = [1, 2, 3, 4];
        Gemm.Multiply(false, false, 2, 2, 0, 1.0, [], 1, [], 2, 0.5, d, 2);
        Assert.Equal([0.5, 1, 1.5, 2], d);
    }

    [Fact]
    public void AlphaZero_IgnoresProduct_AndBetaZeroClearsNaN()
    {
        float[] a = [1f, 2f], b = [3f, 4f], c = [float.NaN, float.NaN, float.NaN, float.NaN];
        Gemm.Multiply(false, false, 2, 2, 1, 0f, a, 1, b, 2, 0f, c, 2);
        Assert.All(c, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void EmptyOutput_IsANoOp()
    {
        float[] c = [];
        Gemm.Multiply(false, false, 0, 3, 2, 1f, [], 2, new float[6], 3, 0f, c, 3);
        Gemm.Multiply(false, false, 3, 0, 2, 1f, new float[6], 2, [], 1, 0f, c, 1);
    }

    [Fact]
    public void TensorOverload_MultipliesAndChecksShapes()
    {
        var a = Tensor<float>.From([1f, 2f, 3f, 4f, 5f, 6f], 2, 3); // (2, 3)
        var b = Tensor<float>.From([1f, 0f, 0f, 1f, 1f, 1f], 2, 3); // (2, 3), used transposed
        var c = new Tensor<float>(2, 2);
        Gemm.Multiply(a, false, b, true, c, 1f, 0f);
        float[] expected = [1f, 6f, 4f, 15f];
        for (int i = 0; i < 4; i++)
            Assert.True(Math.Abs(c.Span[i] - expected[i]) <= 1e-6f, $"C[{i}] = {c.Span[i]}, expected {expected[i]}");

        var e = Assert.Throws<ShapeMismatchException>(() => Gemm.Multiply(a, false, b, false, c, 1f, 0f));
        Assert.Contains("inner sizes differ", e.Message);
        Assert.Throws<ShapeMismatchException>(() => Gemm.Multiply(a, false, b, true, new Tensor<float>(3, 2), 1f, 0f));
    }

    public static TheoryData<string, int, int, int, int, int, int, int, int, int> BadArguments => new()
    {
        // name, m, n, k, aLength, lda, bLength, ldb, cLength, ldc  (no transposes: A m×k, B k×n, C m×n)
        { "negative m", -1, 2, 2, 4, 2, 4, 2, 4, 2 },
        { "negative k", 2, 2, -1, 4, 2, 4, 2, 4, 2 },
        { "lda below k", 2, 2, 3, 6, 2, 6, 2, 4, 2 },
        { "ldb below n", 2, 3, 2, 4, 2, 6, 2, 6, 3 },
        { "ldc below n", 2, 3, 2, 4, 2, 6, 3, 6, 2 },
        { "A too short", 2, 2, 2, 3, 2, 4, 2, 4, 2 },
        { "B too short", 2, 2, 2, 4, 2, 3, 2, 4, 2 },
        { "C too short", 2, 2, 2, 4, 2, 4, 2, 3, 2 },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void BadArguments_ThrowArgumentException(string name, int m, int n, int k, int aLength, int lda,
        int bLength, int ldb, int cLength, int ldc)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Gemm.Multiply(false, false, m, n, k, 1f,
            new float[aLength], lda, new float[bLength], ldb, 0f, new float[cLength], ldc));
        Assert.False(string.IsNullOrEmpty(e.Message), name);
    }

    [Fact]
    public void TransposedStrides_AreCheckedAgainstStoredShape()
    {
        // Aᵀ stored k×m = 3×2 needs lda ≥ 2 (m), not ≥ 3 (k); lda = 1 must fail.
        Gemm.Multiply(true, false, 2, 2, 3, 1f, new float[6], 2, new float[6], 2, 0f, new float[4], 2);
        Assert.ThrowsAny<ArgumentException>(() =>
            Gemm.Multiply(true, false, 2, 2, 3, 1f, new float[6], 1, new float[6], 2, 0f, new float[4], 2));
    }

    [Theory]
    [InlineData(2, 9, 128, 50, 2048, 1, 2)]    // an RNN step: 50 rows are few, split the 2048 outputs
    [InlineData(2, 43, 16, 256, 256, 1, 2)]    // square: equal perimeters, columns win the tie
    [InlineData(4, 171, 64, 1024, 1024, 2, 2)] // square on 4 threads: a 2×2 grid
    [InlineData(7, 2, 3, 12, 48, 2, 3)]        // 7 threads but only 2×3 slivers: fall back to 6 parts
    [InlineData(2, 1, 1, 6, 16, 1, 1)]         // one tile: nothing to share
    public void ChooseGrid_SplitsAlongTheLongerSide_AndNeverPastTheSlivers(int threads, int rowSlivers, int colSlivers,
        int m, int n, int expectedRows, int expectedCols)
    {
        var grid = GemmParallelJob<float, SingleKernel<FloatLanes256, Vector256<float>>>.ChooseGrid(threads, rowSlivers, colSlivers, m, n);
        Assert.Equal((expectedRows, expectedCols), grid);
    }

    [Fact]
    public void MaxThreads_RejectsZero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CpuBackend.MaxThreads = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => CpuBackend.LimitThreads(0));
    }
}
