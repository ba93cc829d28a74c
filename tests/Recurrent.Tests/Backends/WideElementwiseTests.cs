namespace Recurrent.Tests.Backends;

using System.Runtime.Intrinsics;
using Recurrent.Backends.Cpu;

/// <summary>
/// The 512-bit element-wise passes against their 256-bit twins: the same operations per value in the same order, so
/// the same bits (the 256-bit forms are held to the scalar references by their own tests), on lengths with 16-, 8-wide
/// and scalar tails and values past the clamps, NaN included. Skipped on a CPU without AVX-512.
/// </summary>
public class WideElementwiseTests
{
    private static readonly int[] Lengths = [1, 7, 8, 15, 16, 17, 31, 40, 1000, 1003];

    [InstructionSetFact(CpuInstructionSet.Avx512)]
    public void TanhForward_Wide_SameBitsAs256Bit()
    {
        foreach (int n in Lengths)
        {
            float[] narrow = Values(n, n, scale: 12), wide = (float[])narrow.Clone();
            TanhRows.Forward(narrow, wide: false);
            TanhRows.Forward(wide, wide: true);
            AssertSameBits(narrow, wide, $"tanh, n = {n}");
        }
    }

    [InstructionSetFact(CpuInstructionSet.Avx512)]
    public void TanhBackward_Wide_SameBitsAs256Bit()
    {
        foreach (int n in Lengths)
        {
            float[] a = Values(n, n + 1, scale: 1), dh = Values(n, n + 2, scale: 3);
            float[] narrow = new float[n], wide = new float[n];
            TanhRows.Backward(a, dh, narrow, wide: false);
            TanhRows.Backward(a, dh, wide, wide: true);
            AssertSameBits(narrow, wide, $"tanh backward, n = {n}");
        }
    }

    [InstructionSetFact(CpuInstructionSet.Avx512)]
    public void Activations512_SameBitsAs256BitOnEachHalf()
    {
        float[] x = Values(16, 5, scale: 30);
        x[3] = float.NaN;
        x[9] = float.PositiveInfinity;
        var input = Vector512.Create<float>(x);
        var lo = Vector256.Create<float>(x.AsSpan(0, 8));
        var hi = Vector256.Create<float>(x.AsSpan(8, 8));
        float[] tanh = new float[16], sigmoid = new float[16], want = new float[16];
        VectorActivations.Tanh(input).CopyTo(tanh);
        VectorActivations.Tanh(lo).CopyTo(want);
        VectorActivations.Tanh(hi).CopyTo(want, 8);
        AssertSameBits(want, tanh, "tanh");
        VectorActivations.Sigmoid(input).CopyTo(sigmoid);
        VectorActivations.Sigmoid(lo).CopyTo(want);
        VectorActivations.Sigmoid(hi).CopyTo(want, 8);
        AssertSameBits(want, sigmoid, "sigmoid");
    }

    [InstructionSetFact(CpuInstructionSet.Avx512)]
    public void RmsPropUpdate_Wide_SameBitsAs256Bit()
    {
        foreach (int n in new[] { 1, 17, 40, 70_001 }) // 70,001: two parts on two threads, and tails
        {
            float[] theta0 = Values(n, 1, scale: 1), g = Values(n, 2, scale: 0.1f), v0 = Values(n, 3, scale: 0.01f);
            for (int i = 0; i < n; i++) v0[i] = Math.Abs(v0[i]);
            float[] thetaNarrow = (float[])theta0.Clone(), vNarrow = (float[])v0.Clone();
            float[] thetaWide = (float[])theta0.Clone(), vWide = (float[])v0.Clone();
            new RmsPropKernel().Update(thetaNarrow, g, vNarrow, 0.99f, 0.01f, 1e-8f, -2e-3f, wide: false);
            new RmsPropKernel().Update(thetaWide, g, vWide, 0.99f, 0.01f, 1e-8f, -2e-3f, wide: true);
            AssertSameBits(vNarrow, vWide, $"RMSprop v, n = {n}");
            AssertSameBits(thetaNarrow, thetaWide, $"RMSprop θ, n = {n}");
            Assert.NotEqual(theta0, thetaWide);
        }
    }

    private static float[] Values(int n, int seed, float scale)
    {
        var random = new Random(seed);
        var values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        return values;
    }

    private static void AssertSameBits(float[] want, float[] got, string context)
    {
        for (int i = 0; i < want.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(want[i]) == BitConverter.SingleToInt32Bits(got[i]),
                $"{context}: element {i} is {got[i]:R}, the 256-bit path gives {want[i]:R}");
    }
}
