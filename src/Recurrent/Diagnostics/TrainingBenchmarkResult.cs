namespace Recurrent.Diagnostics;

/// <summary>What <see cref="TrainingBenchmark.Run"/> measured.</summary>
/// <param name="Options">The workload.</param>
/// <param name="Threads">Worker threads the GEMM could use.</param>
/// <param name="StepSeconds">Every timed step's seconds, in order.</param>
/// <param name="MedianSeconds">The median of <paramref name="StepSeconds"/>.</param>
/// <param name="BytesAllocatedPerStep">Managed bytes allocated per timed step, on every thread (GC.GetTotalAllocatedBytes, precise).</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set at the end (runtime included).</param>
/// <param name="ManagedHeapBytes">Managed bytes live after the run, less those live before the model was built: what the model holds.</param>
/// <param name="GemmPeakGflops">GFLOP/s of a 1024³ GEMM measured in the same run, same threads: the machine's attainable peak.</param>
/// <param name="FinalLoss">Loss of the last step (finite when the step is sound).</param>
public sealed record TrainingBenchmarkResult(
    TrainingBenchmarkOptions Options,
    int Threads,
    IReadOnlyList<double> StepSeconds,
    double MedianSeconds,
    double BytesAllocatedPerStep,
    long PeakWorkingSetBytes,
    long ManagedHeapBytes,
    double GemmPeakGflops,
    double FinalLoss)
{
    /// <summary>Characters trained on per second: T·B per step.</summary>
    public double CharactersPerSecond => (double)Options.SequenceLength * Options.Batch / MedianSeconds;

    /// <summary>Model GFLOP/s: <see cref="TrainingBenchmarkOptions.FlopsPerStep"/> per median step.</summary>
    public double Gigaflops => Options.FlopsPerStep / MedianSeconds / 1e9;

    /// <summary><see cref="Gigaflops"/> as a fraction of <see cref="GemmPeakGflops"/> (0 when no peak was measured).</summary>
    public double FractionOfGemmPeak => GemmPeakGflops > 0 ? Gigaflops / GemmPeakGflops : 0;
}
