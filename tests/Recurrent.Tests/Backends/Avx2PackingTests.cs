namespace Recurrent.Tests.Backends;

using Recurrent.Backends.Cpu;

/// <summary>
/// Holds the AVX2 packing routines equal to the index formulas they implement, for every depth 1..40 (every tail
/// after the 8-wide blocks). Packing copies, so the check is bit-exact on the bit patterns rather than a tolerance.
/// </summary>
public unsafe class Avx2PackingTests
{
    [InstructionSetFact(CpuInstructionSet.Avx2)]
    public void PackSixRows_InterleavesRowsOfA()
    {
        for (int kc = 1; kc <= 40; kc++)
        {
            int lda = kc + 5;
            float[] source = Numbered(6 * lda);
            var packed = new float[6 * kc];
            fixed (float* src = source, dst = packed) Avx2Packing.PackSixRows(src, lda, kc, dst);
            AssertEachEquals(packed, index => source[(index % 6) * lda + index / 6], $"kc = {kc}");
        }
    }

    [InstructionSetFact(CpuInstructionSet.Avx2)]
    public void PackSixteenRows_InterleavesRowsOfTransposedB()
    {
        for (int kc = 1; kc <= 40; kc++)
        {
            int ldb = kc + 3;
            float[] source = Numbered(16 * ldb);
            var packed = new float[16 * kc];
            fixed (float* src = source, dst = packed) Avx2Packing.PackSixteenRows(src, ldb, kc, dst, 16);
            AssertEachEquals(packed, index => source[(index % 16) * ldb + index / 16], $"kc = {kc}");
        }
    }

    [InstructionSetFact(CpuInstructionSet.Avx2)]
    public void PackSixteenRows_WithStride32_FillsOneHalfOfAWideSliver()
    {
        // The 512-bit kernel's 32-column slivers are packed as two 16-column halves side by side.
        for (int kc = 1; kc <= 40; kc++)
        {
            int ldb = kc + 3;
            float[] source = Numbered(32 * ldb);
            var packed = new float[32 * kc];
            fixed (float* src = source, dst = packed)
            {
                Avx2Packing.PackSixteenRows(src, ldb, kc, dst, 32);
                Avx2Packing.PackSixteenRows(src + 16 * ldb, ldb, kc, dst + 16, 32);
            }
            AssertEachEquals(packed, index => source[(index % 32) * ldb + index / 32], $"kc = {kc}");
        }
    }

    private static float[] Numbered(int length) => Enumerable.Range(0, length).Select(i => i + 0.5f).ToArray();

    private static void AssertEachEquals(float[] packed, Func<int, float> expected, string context)
    {
        for (int index = 0; index < packed.Length; index++)
        {
            int want = BitConverter.SingleToInt32Bits(expected(index)),
                got = BitConverter.SingleToInt32Bits(packed[index]);
            Assert.True(want == got, $"{context}: packed[{index}] = {packed[index]}, expected {expected(index)}");
        }
    }
}
