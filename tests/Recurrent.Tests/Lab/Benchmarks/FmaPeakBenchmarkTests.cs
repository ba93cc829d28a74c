using Recurrent.Backends.Cpu;
using Recurrent.Lab.Benchmarks;
using Recurrent.Tests.Backends;

namespace Recurrent.Tests.Lab.Benchmarks;

/// <summary>The multiply-add peak loop runs at each width the CPU offers and refuses one it lacks.</summary>
public class FmaPeakBenchmarkTests
{
    [Fact]
    public void Portable_GivesAPositiveFiniteRate() => AssertRate(CpuInstructionSet.Portable);

    [InstructionSetFact(CpuInstructionSet.Avx2)]
    public void Avx2_GivesAPositiveFiniteRate() => AssertRate(CpuInstructionSet.Avx2);

    [InstructionSetFact(CpuInstructionSet.Avx512)]
    public void Avx512_GivesAPositiveFiniteRate() => AssertRate(CpuInstructionSet.Avx512);

    [InstructionSetFact(CpuInstructionSet.Avx512, lacking: true)]
    public void AWidthTheCpuLacks_IsRefused() =>
        Assert.Throws<ArgumentException>(() => FmaPeakBenchmark.Measure(CpuInstructionSet.Avx512, 1, 0.001));

    [Fact]
    public void NoThreads_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FmaPeakBenchmark.Measure(CpuInstructionSet.Portable, 0));

    private static void AssertRate(CpuInstructionSet set)
    {
        double gflops = FmaPeakBenchmark.Measure(set, 2, 0.002);
        // one 3 GHz core does at most 2 pipes × 16 lanes × 2 FLOP a cycle, 192 GFLOP/s; two threads, 384: a loop that
        // counted FLOPs it did not do would exceed 1,000 on any machine this runs on
        Assert.True(double.IsFinite(gflops) && gflops > 0 && gflops < 1000, $"{set}: {gflops} GFLOP/s");
    }
}
