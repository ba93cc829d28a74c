namespace Recurrent.Tests.Backends;

using Recurrent.Backends.Cpu;

/// <summary>
/// Holds the fast <see cref="Gemm"/> equal to <see cref="ReferenceGemm"/>: every size 1..70 in each dimension, all
/// four transpose cases, β = 0 (over NaN) and β = 1 and a general α, float and double, padded leading dimensions,
/// shapes that cross cache blocks and run on several threads, and the portable kernel. Tolerances: see
/// <see cref="GemmCase"/>.
/// </summary>
public class GemmTests
{
    public static TheoryData<bool, bool> Transposes =>
        new() { { false, false }, { true, false }, { false, true }, { true, true } };

    [Theory]
    [MemberData(nameof(Transposes))]
    public void EverySize1To70InEachDimension_MatchesReference(bool transA, bool transB)
    {
        for (int size = 1; size <= 70; size++)
        {
            foreach (double beta in new[] { 0.0, 1.0 })
            {
                // Each dimension sweeps 1..70 while the others stay small and awkward (not multiples of 6, 8 or 16).
                var cases = new[]
                {
                    new GemmCase(transA, transB, size, 7, 5, 1.0, beta),
                    new GemmCase(transA, transB, 5, size, 9, -0.75, beta, Pad: 1),
                    new GemmCase(transA, transB, 13, 19, size, 1.25, beta),
                };
                foreach (GemmCase gemm in cases)
                {
                    gemm.AssertMatchesReference<float>(size);
                    gemm.AssertMatchesReference<double>(size);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void LastOneToThreeRows_ThroughFewRowsPath_MatchReference(bool transA, bool transB)
    {
        // m = 6q + 1…3 with n spanning pairs of 16-column slivers and a partial one: the float kernel's few-rows path.
        foreach (int m in new[] { 1, 2, 3, 7, 8, 9, 50, 51, 99 })
            foreach (int n in new[] { 32, 45, 64, 80 })
                foreach (double beta in new[] { 0.0, 1.0, -0.5 })
                {
                    new GemmCase(transA, transB, m, n, 37, 0.75, beta, Pad: 1).AssertMatchesReference<float>(m * n);
                    new GemmCase(transA, transB, m, n, 600, 1.0, beta).AssertMatchesReference<float>(m + n);
                }
    }

    [Fact]
    public void RandomShapes_MatchReference()
    {
        var random = new Random(42);
        for (int trial = 0; trial < 300; trial++)
        {
            var gemm = new GemmCase(random.Next(2) == 1, random.Next(2) == 1,
                random.Next(1, 71), random.Next(1, 71), random.Next(1, 71),
                Alpha: random.Next(3) switch { 0 => 1.0, 1 => -2.5, _ => 0.3 },
                Beta: random.Next(3) switch { 0 => 0.0, 1 => 1.0, _ => -0.5 },
                Pad: random.Next(3) == 0 ? random.Next(1, 9) : 0);
            if (trial % 2 == 0) gemm.AssertMatchesReference<float>(trial);
            else gemm.AssertMatchesReference<double>(trial);
        }
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void LargeShape_CrossingBlocksOnSeveralThreads_MatchesReference(bool transA, bool transB)
    {
        // 300×260 C and k = 530 span several Mc blocks and two Kc steps; m·n·k is far above the parallel threshold.
        var gemm = new GemmCase(transA, transB, 300, 260, 530, 0.5, transA ? 1.0 : 0.0, Pad: 3);
        Assert.True((long)gemm.M * gemm.N * gemm.K >= Gemm.ParallelThreshold);
        gemm.AssertMatchesReference<float>(7);
        gemm.AssertMatchesReference<double>(8);
    }

    [Fact]
    public void DeepProduct_SpanningManyKcSteps_MatchesReference()
    {
        new GemmCase(false, true, 20, 33, 1100, 1.0, 1.0).AssertMatchesReference<float>(3);
        new GemmCase(true, false, 20, 33, 1100, 1.0, 0.0).AssertMatchesReference<double>(4);
    }

    [Fact]
    public void WideProduct_SpanningSeveralNcPanels_MatchesReference()
    {
        new GemmCase(false, false, 7, 4500, 9, 1.0, 0.0).AssertMatchesReference<float>(5);
        new GemmCase(true, true, 7, 4500, 9, 1.0, 1.0).AssertMatchesReference<double>(6);
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void PortableKernel_MatchesReference(bool transA, bool transB)
    {
        for (int size = 1; size <= 70; size += 3)
        {
            new GemmCase(transA, transB, size, 11, 6, 1.0, 0.0).AssertMatchesReference<float>(size, portable: true);
            new GemmCase(transA, transB, 9, size, 5, -1.5, 1.0, Pad: 2).AssertMatchesReference<double>(size,
                portable: true);
            new GemmCase(transA, transB, 10, 9, size, 0.5, 1.0).AssertMatchesReference<float>(size, portable: true);
        }
        new GemmCase(transA, transB, 150, 170, 300, 1.0, 0.0).AssertMatchesReference<float>(1, portable: true);
        new GemmCase(transA, transB, 150, 170, 300, 1.0, 1.0).AssertMatchesReference<double>(2, portable: true);
    }

    [Fact]
    public void ElementTypeWithoutVectors_TakesScalarKernel_MatchesReference()
    {
        // Half has no 128-bit vector support, so this exercises the scalar loop of the portable kernel.
        for (int size = 1; size <= 20; size += 3)
        {
            new GemmCase(false, true, size, 9, 7, 1.0, 0.0).AssertMatchesReference<Half>(size);
            new GemmCase(true, false, 5, size, 6, 0.5, 1.0, Pad: 1).AssertMatchesReference<Half>(size);
        }
    }

    [Fact]
    public void ConcurrentCallers_EachGetTheirOwnResult()
    {
        // Several threads at once: one gets the workers, the rest run their parts inline; all must be right.
        Parallel.For(0, 6, seed => new GemmCase(seed % 2 == 0, seed % 3 == 0, 120, 140, 100, 1.0, 0.0)
            .AssertMatchesReference<float>(seed));
    }
}
