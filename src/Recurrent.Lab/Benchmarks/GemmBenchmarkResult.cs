namespace Recurrent.Lab.Benchmarks;

/// <summary>Timing of one shape: the median over repeats of the seconds per product, and the rate that gives.</summary>
public sealed record GemmBenchmarkResult(GemmShape Shape, double MedianSeconds, int Repeats, int Threads)
{
    /// <summary>Billions of floating-point operations per second: 2·M·N·K / median seconds / 10⁹.</summary>
    public double GigaflopsPerSecond => Shape.Flops / MedianSeconds / 1e9;
}
