using Recurrent.Data;
using System.Diagnostics;
using Recurrent.Backends.Cpu;
using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Losses;
using Recurrent.Optimizers;
using Recurrent.Parameters;

namespace Recurrent.Lab.Benchmarks;

/// <summary>
/// Times whole training steps of a character model on random data: one-hot input (T, B, V) → RecurrentStack (names
/// "rnn.…") → per-step Dense head "head." (V) → softmax cross-entropy on class indices → backward through time →
/// clipping by global norm → RMSprop. Steps after the warm-up are timed one by one and the median reported.
/// </summary>
public sealed class TrainingBenchmark
{
    private readonly ParameterSet<float> _parameters = new();
    private readonly RecurrentStack<float> _stack;
    private readonly TimeDistributed<float> _head;
    private readonly SoftmaxCrossEntropy<float> _loss = new();
    private readonly RmsProp<float> _optimizer;
    private readonly Tensor<float> _input;        // (T, B, V) one-hot
    private readonly int[] _targets;              // (T·B) next characters
    private readonly int _rows;                   // T·B
    private Tensor<float>? _logitRows;            // the head's output viewed (T·B, V), made once; the loss writes dz over it

    /// <summary>Builds the model and the random batch; nothing is timed yet.</summary>
    public TrainingBenchmark(TrainingBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        int t = options.SequenceLength, b = options.Batch, v = options.Vocabulary, n = t * b;
        _stack = new RecurrentStack<float>(_parameters,
            new RecurrentStackOptions(options.Cell, v, options.HiddenSize, options.NumLayers, Prefix: "rnn."));
        _head = new TimeDistributed<float>(new Dense<float>(_parameters, "head.", options.HiddenSize, v));
        var rng = new Random(options.Seed);
        _parameters.Initialize(rng);
        _optimizer = new RmsProp<float>(new RmsPropOptions(options.LearningRate));
        _input = new Tensor<float>(t, b, v);
        _targets = new int[n];
        int[] text = new int[n + b];
        for (int i = 0; i < text.Length; i++) text[i] = rng.Next(v);
        OneHot.Fill(text.AsSpan(0, n), _input);
        for (int i = 0; i < n; i++) _targets[i] = text[i + b]; // the next character of the same row
        _rows = n;
    }

    /// <summary>The workload.</summary>
    public TrainingBenchmarkOptions Options { get; }

    /// <summary>The model's parameters (stack, then head).</summary>
    public ParameterSet<float> Parameters => _parameters;

    /// <summary>One training step; returns the loss before the update.</summary>
    public float Step()
    {
        _parameters.ZeroGradients();
        var hidden = _stack.Forward(_input);                 // (T, B, H)
        var logits = _head.Forward(hidden);                  // (T, B, V)
        if (_logitRows is null || _logitRows.Data != logits.Data || _logitRows.Offset != logits.Offset)
            _logitRows = logits.Reshape(_rows, Options.Vocabulary);
        // dz in place of z: nothing reads the logits after the loss, so they need no (T·B, V) buffer of their own
        float loss = _loss.Compute(_logitRows, _targets, null, _logitRows);
        // one-hot data needs no dx; the head's dx and its input are the benchmark's own, so the stack may reuse them
        _stack.BackwardWithoutInputGradient(_head.Backward(logits), reuse: BufferReuse.All);
        GradientClipping.ClipByGlobalNorm<float>(_parameters.Gradients, Options.MaxGradientNorm);
        _optimizer.Step(_parameters);
        return loss;
    }

    /// <summary>
    /// Reads the process's working set (the baseline), builds the model, runs the warm-up, times
    /// <see cref="TrainingBenchmarkOptions.Steps"/> steps (reporting each through <paramref name="progress"/>), reads the
    /// peak working set, and then measures the GEMM peak (1024³, unless <paramref name="measureGemmPeak"/> is false).
    /// The GEMM comes last so that its 12 MB of operands and its 1024-wide packing buffers are not counted in the
    /// training step's peak; the step's own products, packing buffers and worker threads are.
    /// </summary>
    public static TrainingBenchmarkResult Run(TrainingBenchmarkOptions options, IProgress<string>? progress = null, bool measureGemmPeak = true)
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
        for (int i = 0; i < options.Steps; i++) progress?.Report($"step {i + 1}/{options.Steps}: {seconds[i] * 1e3:F1} ms");
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
    /// working set read next includes the compiled code of a training step, a fixed cost of the runtime and library that
    /// does not grow with the model, rather than charging it to the model's memory. B = 24 makes
    /// the time loop run two row ranges and T·B = 576 rows make the weight-gradient GEMMs large enough for both threads,
    /// so the worker thread and the code of the parallel paths are in the baseline too (a model of B = 12 left them
    /// to the first model measured; docs/benchmarks.md, "Memory ratios", has the sizes).
    /// </summary>
    private static void WarmUpCode(TrainingBenchmarkOptions options)
    {
        var tiny = new TrainingBenchmark(options with { HiddenSize = 32, Batch = 24, SequenceLength = 24 });
        tiny.Step();
        tiny.Step();
    }

    /// <summary>The process's working set now, or its peak so far (the runtime, its code and threads included).</summary>
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
