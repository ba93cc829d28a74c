namespace Recurrent.Tests.Backends;

using Recurrent.Backends.Cpu;

/// <summary>
/// Holds the product with a prepacked B (<see cref="PackedMatrix{T}"/>) equal to <see cref="ReferenceGemm"/> on sizes
/// that are not multiples of the kernels' 6, 8 or 16, depths past one Kc block, several threads and the portable
/// kernel; and bit for bit equal to the ordinary <see cref="Gemm"/>, which packs the same layout itself (and packs A,
/// which the prepacked product reads where it lies when it can).
/// </summary>
public class PackedGemmTests
{
    public static TheoryData<bool, bool> Transposes =>
        new() { { false, false }, { true, false }, { false, true }, { true, true } };

    [Theory]
    [MemberData(nameof(Transposes))]
    public void EdgeSizes_MatchReference(bool transA, bool transB)
    {
        for (int size = 1; size <= 40; size += 3)
            foreach (double beta in new[] { 0.0, 1.0 })
            {
                new GemmCase(transA, transB, size, 21, 7, 1.0, beta).AssertMatchesReference<float>(size,
                    prepacked: true);
                new GemmCase(transA, transB, 5, size, 9, -0.75, beta, Pad: 1).AssertMatchesReference<double>(size,
                    prepacked: true);
                new GemmCase(transA, transB, 13, 19, size, 1.25, beta).AssertMatchesReference<float>(size,
                    prepacked: true);
                new GemmCase(transA, transB, 7, size, 11, 0.5, beta, Pad: 2).AssertMatchesReference<float>(size,
                    portable: true, prepacked: true);
            }
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void DeepAndLarge_AcrossKcBlocksAndThreads_MatchReference(bool transA, bool transB)
    {
        new GemmCase(transA, transB, 20, 33, 1100, 1.0, 1.0).AssertMatchesReference<float>(3, prepacked: true);
        new GemmCase(transA, transB, 20, 35, 1030, 1.0, 0.0, Pad: 3).AssertMatchesReference<double>(4, prepacked: true);
        var large = new GemmCase(transA, transB, 300, 260, 530, 0.5, 1.0, Pad: 3);
        Assert.True((long)large.M * large.N * large.K >= Gemm.ParallelThreshold);
        large.AssertMatchesReference<float>(7, prepacked: true);
        large.AssertMatchesReference<double>(8, prepacked: true);
        new GemmCase(transA, transB, 7, 4500, 9, 1.0, 0.0).AssertMatchesReference<float>(5, prepacked: true);
        new GemmCase(transA, transB, 9, 37, 600, 1.0, 1.0).AssertMatchesReference<Half>(6, prepacked: true);
    }

    [Theory]
    [InlineData(50, 512, 128, true)]   // an LSTM's forward step, h·W_hhᵀ
    [InlineData(26, 128, 512, false)]  // its backward step on one row range, da·W_hh
    [InlineData(13, 100, 700, false)]  // depth past Kc, widths off every kernel size
    [InlineData(24, 512, 128, true)]   // whole slivers: the kernel reads the step's rows of A where they lie
    [InlineData(27, 96, 40, false)]    // a 3-row last sliver, read in place too
    // one row, read in place (the ordinary m = 1 product with Bᵀ is a GEMV, summed otherwise)
    [InlineData(1, 64, 33, false)]
    [InlineData(25, 512, 128, true)]   // half of 50 rows: five 5-row tiles read in place
    [InlineData(25, 128, 512, false)]  // the same range's backward step, da·W_hh
    [InlineData(28, 96, 40, false)]    // 6 + 6 + 6 + 5 + 5 rows
    [InlineData(8, 40, 40, false)]     // two 4-row tiles, and columns past the last whole sliver
    [InlineData(7, 96, 40, false)]     // 7 rows cannot be cut into 4s: a 6-row tile and a 1-row tail
    [InlineData(103, 64, 30, false)]   // a full 96-row block, then 7 rows
    [InlineData(7, 48, 40, false)]     // 1 row left but an odd number of column slivers: A is packed
    public void SameBitsAsOrdinaryGemm(int m, int n, int k, bool transB)
    {
        var random = new Random(m + n + k);
        float[] a = Values(random, m * k), b = Values(random, n * k), c0 = Values(random, m * n);
        float[] c1 = (float[])c0.Clone();
        int ldb = transB ? k : n;
        Gemm.Multiply(false, transB, m, n, k, 1f, a, k, b, ldb, 1f, c0, n);
        var packed = new PackedMatrix<float>();
        packed.Pack(transB, k, n, b, ldb);
        Gemm.Multiply(false, m, 1f, a, k, packed, 1f, c1, n);
        for (int i = 0; i < c0.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(c0[i]) == BitConverter.SingleToInt32Bits(c1[i]),
                $"element {i}: ordinary {c0[i]:R}, prepacked {c1[i]:R}");
    }

    [Fact]
    public void RepackingAnotherShape_GivesThatShapesProduct()
    {
        var packed = new PackedMatrix<float>();
        foreach (var (m, n, k,
            transB) in new[] { (6, 64, 64, true), (5, 3, 2, false), (9, 70, 40, true), (4, 17, 530, false) })
        {
            var random = new Random(n);
            float[] a = Values(random, m * k), b = Values(random, n * k), c = new float[m * n],
                expected = new float[m * n];
            int ldb = transB ? k : n;
            packed.Pack(transB, k, n, b, ldb);
            Assert.Equal((k, n), (packed.K, packed.N));
            Gemm.Multiply(false, m, 1f, a, k, packed, 0f, c, n);
            ReferenceGemm.Multiply(false, transB, m, n, k, 1f, a, k, b, ldb, 0f, expected, n);
            for (int i = 0; i < c.Length; i++)
                Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-4f * k,
                    $"{m}×{k}×{n}: element {i} is {c[i]}, expected {expected[i]}");
        }
    }

    [Fact]
    public void UnpackedMatrix_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(false, 2, 1f, new float[4], 2, new PackedMatrix<float>(), 0f, new float[4], 2));
        Assert.Contains("Pack", e.Message);
    }

    private static float[] Values(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
