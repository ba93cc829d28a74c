namespace Recurrent.Lab.Benchmarks;

/// <summary>What <see cref="TrainingBenchmark.Run"/> measured.</summary>
/// <param name="Options">The workload.</param>
/// <param name="Threads">Worker threads the GEMM could use.</param>
/// <param name="StepSeconds">Every timed step's seconds, in order.</param>
/// <param name="MedianSeconds">The median of <paramref name="StepSeconds"/>.</param>
/// <param name="BytesAllocatedPerStep">Managed bytes allocated per timed step, on every thread
/// (GC.GetTotalAllocatedBytes, precise).</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set after the timed steps (runtime included), read
/// before the GEMM peak is measured.</param>
/// <param name="ManagedHeapBytes">Managed bytes live after the run, less those live before the model was built: what
/// the model holds.</param>
/// <param name="GemmPeakGflops">GFLOP/s of a 1024³ GEMM measured in the same run, same threads: the machine's
/// attainable peak.</param>
/// <param name="FinalLoss">Loss of the last step (finite when the step is sound).</param>
/// <param name="BaselineWorkingSetBytes">The process's working set when <see cref="TrainingBenchmark.Run"/> began,
/// after a full collection and before the model (or any GEMM) was built: the runtime, the loaded code and, from the
/// CLI, its parsing; 0 when not measured.</param>
public sealed record TrainingBenchmarkResult(
    TrainingBenchmarkOptions Options,
    int Threads,
    IReadOnlyList<double> StepSeconds,
    double MedianSeconds,
    double BytesAllocatedPerStep,
    long PeakWorkingSetBytes,
    long ManagedHeapBytes,
    double GemmPeakGflops,
    double FinalLoss,
    long BaselineWorkingSetBytes = 0)
{
    /// <summary>Characters trained on per second: T·B per step.</summary>
    public double CharactersPerSecond => (double)Options.SequenceLength * Options.Batch / MedianSeconds;

    /// <summary>Model GFLOP/s: <see cref="TrainingBenchmarkOptions.FlopsPerStep"/> per median step.</summary>
    public double Gigaflops => Options.FlopsPerStep / MedianSeconds / 1e9;

    /// <summary><see cref="Gigaflops"/> as a fraction of <see cref="GemmPeakGflops"/> (0 when no peak was
    /// measured).</summary>
    public double FractionOfGemmPeak => GemmPeakGflops > 0 ? Gigaflops / GemmPeakGflops : 0;

    /// <summary><see cref="ManagedHeapBytes"/> / <see cref="TrainingBenchmarkOptions.RequiredBytes"/>: the model's
    /// managed memory against what the step needs (the target is ≤ 1.5).</summary>
    public double ManagedRatio => (double)ManagedHeapBytes / Options.RequiredBytes;

    /// <summary>
    /// (<see cref="PeakWorkingSetBytes"/> − <see cref="BaselineWorkingSetBytes"/>) /
    /// <see cref="TrainingBenchmarkOptions.RequiredBytes"/>: what the process grew by while building and training the
    /// model (managed and native: buffers, GEMM packing buffers, worker threads, compiled code, the collector's slack)
    /// against what the step needs (the target is ≤ 1.5).
    /// </summary>
    public double WorkingSetRatio => (double)(PeakWorkingSetBytes - BaselineWorkingSetBytes) / Options.RequiredBytes;
}
