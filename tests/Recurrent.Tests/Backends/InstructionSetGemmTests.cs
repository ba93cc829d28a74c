namespace Recurrent.Tests.Backends;

using Recurrent.Backends.Cpu;

/// <summary>
/// Holds each GEMM kernel the machine can run (AVX-512 6×32, AVX2 6×16) equal to <see cref="ReferenceGemm"/>
/// whichever the process uses, on sizes around its 6-row and 16/32-column tiles, its few-rows tails, its row-major-A
/// paths (B packed beforehand), blocks and threads; a kernel the CPU lacks reports its tests skipped. Tolerances: see
/// <see cref="GemmCase"/>.
/// </summary>
public class InstructionSetGemmTests
{
    [InstructionSetFact(CpuInstructionSet.Avx512)]
    public void Avx512Kernel_MatchesReference() => AssertKernelMatchesReference(CpuInstructionSet.Avx512);

    [InstructionSetFact(CpuInstructionSet.Avx2)]
    public void Avx2Kernel_MatchesReference() => AssertKernelMatchesReference(CpuInstructionSet.Avx2);

    [InstructionSetFact(CpuInstructionSet.Avx512)]
    public void Avx512Kernel_PrepackedB_SameBitsAsOrdinaryProduct() =>
        AssertPrepackedSameBits(CpuInstructionSet.Avx512);

    [InstructionSetFact(CpuInstructionSet.Avx2)]
    public void Avx2Kernel_PrepackedB_SameBitsAsOrdinaryProduct() => AssertPrepackedSameBits(CpuInstructionSet.Avx2);

    [InstructionSetFact(CpuInstructionSet.Avx512, lacking: true)]
    public void UnsupportedInstructionSet_IsRefusedWithItsName()
    {
        var e = Assert.Throws<ArgumentException>(() => CpuBackend.InstructionSet = CpuInstructionSet.Avx512);
        Assert.Contains("avx512", e.Message);
    }

    private static void AssertKernelMatchesReference(CpuInstructionSet set)
    {
        var transposes = new[] { (false, false), (true, false), (false, true), (true, true) };
        foreach (var (transA, transB) in transposes)
        {
            for (int size = 1; size <= 70; size += 3)
                foreach (double beta in new[] { 0.0, 1.0 })
                {
                    new GemmCase(transA, transB, size, 7, 5, 1.0, beta).AssertMatchesReference<float>(size,
                        instructionSet: set);
                    new GemmCase(transA, transB, 5, size, 9, -0.75, beta, Pad: 1).AssertMatchesReference<float>(size,
                        instructionSet: set);
                    new GemmCase(transA, transB, 13, 19, size, 1.25, beta).AssertMatchesReference<float>(size,
                        instructionSet: set);
                    new GemmCase(transA, transB, 7, size + 30, 11, 0.5, beta, Pad: 2).AssertMatchesReference<float>(
                        size, prepacked: true, instructionSet: set);
                }
            // 6q + 1…3 rows against pairs of slivers and a partial one: the few-rows paths, packed and in place.
            foreach (int m in new[] { 1, 2, 3, 7, 9, 25, 50, 51 })
                foreach (int n in new[] { 32, 64, 80, 130 })
                {
                    new GemmCase(transA, transB, m, n, 37, 0.75, -0.5, Pad: 1).AssertMatchesReference<float>(m * n,
                        instructionSet: set);
                    new GemmCase(transA, transB, m, n, 600, 1.0, 1.0).AssertMatchesReference<float>(m + n,
                        prepacked: true, instructionSet: set);
                }
            // several Mc blocks, two Kc steps, several threads
            var large = new GemmCase(transA, transB, 300, 260, 530, 0.5, transA ? 1.0 : 0.0, Pad: 3);
            large.AssertMatchesReference<float>(7, instructionSet: set);
            large.AssertMatchesReference<float>(8, prepacked: true, instructionSet: set);
            new GemmCase(transA, transB, 7, 4500, 9, 1.0, 0.0).AssertMatchesReference<float>(5, instructionSet: set);
            new GemmCase(transA, transB, 2, 9, 40, 1.0, 0.0).AssertMatchesReference<double>(6, instructionSet: set);
        }
    }

    // The product with B packed beforehand reads the same layout the ordinary one packs: the same bits, at the shapes
    // of a time loop's steps (50 rows, 25 on each of two threads, a 3-row tail).
    private static void AssertPrepackedSameBits(CpuInstructionSet set)
    {
        foreach (var (m, n, k, transB) in new[]
        {
            (50, 512, 128, true), (25, 128, 512, false), (27, 96, 40, false), (103, 64, 30, false), (7, 48, 40, false),
            (50, 2048, 512, true),
        })
        {
            var random = new Random(m + n + k);
            float[] a = Values(random, m * k), b = Values(random, n * k), c0 = Values(random, m * n);
            float[] c1 = (float[])c0.Clone();
            int ldb = transB ? k : n;
            Gemm.Multiply(false, transB, m, n, k, 1f, a, k, b, ldb, 1f, c0, n, set);
            var packed = new PackedMatrix<float>();
            packed.Pack(transB, k, n, b, ldb, set);
            Gemm.Multiply(false, m, 1f, a, k, packed, 1f, c1, n);
            for (int i = 0; i < c0.Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(c0[i]) == BitConverter.SingleToInt32Bits(c1[i]),
                    $"{set} {m}×{k}×{n}: element {i}: ordinary {c0[i]:R}, prepacked {c1[i]:R}");
        }
    }

    private static float[] Values(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
