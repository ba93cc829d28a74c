namespace Recurrent.Lab.Benchmarks;

/// <summary>What <see cref="WordModelBenchmark"/> measured.</summary>
/// <param name="Vocabulary">V.</param>
/// <param name="Rows">N = T·B, the rows of every head product.</param>
/// <param name="StepSeconds">Median seconds of a whole training step.</param>
/// <param name="HeadSeconds">Median seconds of the head alone: forward product, softmax cross-entropy, backward
/// products.</param>
/// <param name="HeadShare">HeadSeconds / StepSeconds.</param>
/// <param name="HeadGigaflopsPerSecond">6·N·H·V FLOPs of the head's three products over HeadSeconds (the softmax's
/// own work is not counted, so this is a lower bound of the products' rate).</param>
/// <param name="TokensPerSecond">N / StepSeconds.</param>
public sealed record WordModelBenchmarkResult(int Vocabulary, int Rows, double StepSeconds, double HeadSeconds,
    double HeadShare, double HeadGigaflopsPerSecond, double TokensPerSecond);
