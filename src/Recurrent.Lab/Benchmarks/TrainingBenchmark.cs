using System.Diagnostics;
using Recurrent.Backends.Cpu;
using Recurrent.Models;
using Recurrent.Optimizers;
using Recurrent.Parameters;

namespace Recurrent.Lab.Benchmarks;

/// <summary>
/// Times whole training steps of the model users train, a <see cref="CharLanguageModel{T}"/> on one-hot input
/// (names "rnn.…" and "head."), on random data: its Forward (one-hot (T, B, V) → recurrent stack → per-step Dense
/// head, V logits), its Loss (softmax cross-entropy on class indices, dz written over z) and its Backward (through
/// time), then clipping by global norm and RMSprop. Steps after the warm-up are timed one by one and the median
/// reported.
/// </summary>
public sealed class TrainingBenchmark
{
    private readonly CharLanguageModel<float> _model;
    private readonly RmsProp<float> _optimizer;
    private readonly int[] _inputs;               // (T·B) characters, time-major; the model one-hot encodes them
    private readonly int[] _targets;              // (T·B) next characters

    /// <summary>Builds the model and the random batch; nothing is timed yet.</summary>
    public TrainingBenchmark(TrainingBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        int b = options.Batch, v = options.Vocabulary, n = options.SequenceLength * b;
        var rng = new Random(options.Seed);
        _model = new CharLanguageModel<float>(
            new CharLanguageModelConfig(options.Cell, v, options.HiddenSize, options.NumLayers), rng);
        _optimizer = new RmsProp<float>(new RmsPropOptions(options.LearningRate));
        int[] text = new int[n + b];
        for (int i = 0; i < text.Length; i++) text[i] = rng.Next(v);
        _inputs = text[..n];
        _targets = text[b..]; // the next character of the same row
    }

    /// <summary>The workload.</summary>
    public TrainingBenchmarkOptions Options { get; }

    /// <summary>The model's parameters (stack, then head).</summary>
    public ParameterSet<float> Parameters => _model.Parameters;

    /// <summary>One training step; returns the loss before the update.</summary>
    public float Step()
    {
        _model.Parameters.ZeroGradients();
        var logits = _model.Forward(_inputs, Options.SequenceLength, Options.Batch); // (T, B, V)
        // dz in place of z: nothing reads the logits after the loss, so they need no (T, B, V) buffer of their own
        float loss = _model.Loss(_targets, null, logits);
        _model.Backward(logits);
        GradientClipping.ClipByGlobalNorm<float>(_model.Parameters.Gradients, Options.MaxGradientNorm);
        _optimizer.Step(_model.Parameters);
        return loss;
    }

    /// <summary>
    /// Reads the process's working set (the baseline), builds the model, runs the warm-up, times
    /// <see cref="TrainingBenchmarkOptions.Steps"/> steps (reporting each through <paramref name="progress"/>), reads
    /// the peak working set, and then measures the GEMM peak (1024³, unless <paramref name="measureGemmPeak"/> is
    /// false). The GEMM comes last so that its 12 MB of operands and its 1024-wide packing buffers are not counted in
    /// the training step's peak; the step's own products, packing buffers and worker threads are.
    /// </summary>
    public static TrainingBenchmarkResult Run(TrainingBenchmarkOptions options, IProgress<string>? progress = null,
        bool measureGemmPeak = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        WarmUpCode(options);
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long baseline = WorkingSet(peak: false);
        var bench = new TrainingBenchmark(options);
        float loss = 0;
        for (int i = 0; i < options.WarmUpSteps; i++) loss = bench.Step();
        long heapModel = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;

        var seconds = new double[options.Steps];
        var clock = new Stopwatch();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < options.Steps; i++)
        {
            clock.Restart();
            loss = bench.Step();
            seconds[i] = clock.Elapsed.TotalSeconds;
        }
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore; // before any report allocates
        // The peak cannot be below a reading taken earlier, but Linux's RSS counters are per-thread caches synced every
        // 64 page faults, so the high-water mark read now can trail the baseline read before by a few hundred KB when
        // other threads of the process (tests running beside this) allocate and free in between: keep the larger.
        long peakWorkingSet = Math.Max(WorkingSet(peak: true), baseline);
        for (int i = 0; i < options.Steps; i++)
            progress?.Report($"step {i + 1}/{options.Steps}: {seconds[i] * 1e3:F1} ms");
        GC.KeepAlive(bench);
        double gemmPeak = 0;
        if (measureGemmPeak)
        {
            gemmPeak = GemmBenchmark.Measure(new GemmShape(1024, 1024, 1024), 5).GigaflopsPerSecond;
            progress?.Report($"GEMM 1024³: {gemmPeak:F1} GFLOP/s");
        }
        return new TrainingBenchmarkResult(options, CpuBackend.MaxThreads, seconds, Median(seconds),
            (double)allocated / options.Steps, peakWorkingSet, heapModel, gemmPeak, loss, baseline);
    }

    /// <summary>
    /// Runs two steps of a tiny model of the same kind (H = 32, B = 24, T = 24) and lets it go, so that the baseline
    /// working set read next includes the compiled code of a training step, a fixed cost of the runtime and library
    /// that does not grow with the model, rather than charging it to the model's memory. B = 24 makes
    /// the time loop run two row ranges and T·B = 576 rows make the weight-gradient GEMMs large enough for both
    /// threads, so the worker thread and the code of the parallel paths are in the baseline too (a model of B = 12 left
    /// them to the first model measured; docs/benchmarks.md, "Memory ratios", has the sizes).
    /// </summary>
    private static void WarmUpCode(TrainingBenchmarkOptions options)
    {
        var tiny = new TrainingBenchmark(options with { HiddenSize = 32, Batch = 24, SequenceLength = 24 });
        tiny.Step();
        tiny.Step();
    }

    /// <summary>The process's working set now, or its peak so far (the runtime, its code and threads
    /// included).</summary>
    private static long WorkingSet(bool peak)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return peak ? process.PeakWorkingSet64 : process.WorkingSet64;
    }

    /// <summary>The median of <paramref name="values"/> (mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var sorted = values.ToArray();
        Array.Sort(sorted);
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
    }
}
