using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recurrent.Backends.Cpu;
using Recurrent.Lab.Benchmarks;
using Recurrent.Layers.Recurrent;
using Spectre.Console;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent bench [--model lstm|gru|rnn] [--hidden H] [--layers L] [--batch-size B] [--seq-length T] [--vocab V]
/// [--steps N] [--threads N] [--json]</c>: whole training steps of a character model on random data
/// (<see cref="TrainingBenchmark"/>); flags map one-to-one to <see cref="TrainingBenchmarkOptions"/>.
/// </summary>
public static class BenchStepCommand
{
    /// <summary>Adds the options and the action to the <c>bench</c> command itself.</summary>
    public static void Configure(Command bench, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(bench);
        var defaults = new TrainingBenchmarkOptions();
        var model = OptionFactory.Choice("--model", "Recurrent cell", "lstm", CommandLineCells.Names);
        var hidden = OptionFactory.PositiveInt("--hidden", "Hidden units per layer", defaults.HiddenSize);
        var layers = OptionFactory.PositiveInt("--layers", "Stacked recurrent layers", defaults.NumLayers);
        var batch = OptionFactory.PositiveInt("--batch-size", "Sequences per step", defaults.Batch);
        var length =
            OptionFactory.PositiveInt("--seq-length", "Time steps per sequence (BPTT length)", defaults.SequenceLength);
        var vocab =
            OptionFactory.PositiveInt("--vocab", "Characters (one-hot width and head outputs)", defaults.Vocabulary);
        var steps =
            OptionFactory.PositiveInt("--steps", "Timed training steps; the median is reported", defaults.Steps);
        var threads =
            OptionFactory.OptionalPositiveInt("--threads", "Worker threads for the GEMM [default: all cores]");
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        foreach (var option in new Option[] { model, hidden, layers, batch, length, vocab, steps, threads, json })
            bench.Options.Add(option);
        bench.SetAction(parse =>
        {
            var options = defaults with
            {
                Cell = Cell(parse.GetValue(model)!),
                HiddenSize = parse.GetValue(hidden),
                NumLayers = parse.GetValue(layers),
                Batch = parse.GetValue(batch),
                SequenceLength = parse.GetValue(length),
                Vocabulary = parse.GetValue(vocab),
                Steps = parse.GetValue(steps),
            };
            return Run(options, parse.GetValue(threads), parse.GetValue(json), context);
        });
    }

    /// <summary>The cell named on the command line.</summary>
    internal static CellKind Cell(string name) =>
        CellKinds.TryParse(name.ToLowerInvariant(), out var cell) ? cell : CellKind.Lstm;

    private static int Run(TrainingBenchmarkOptions options, int? threads, bool json, CliContext context)
    {
        if (options.Vocabulary < 2)
            throw new ArgumentException($"--vocab must be at least 2, got {options.Vocabulary}");
        using (ThreadOverride.Apply(threads))
        {
            var progress = json ? null : new InlineProgress<string>(line => context.Error.WriteLine(line));
            if (!json)
                context.Error.WriteLine($"{Describe(options)}: {options.WarmUpSteps} warm-up steps, then " +
                $"{options.Steps} timed, {CpuBackend.MaxThreads} threads…");
            var result = TrainingBenchmark.Run(options, progress);
            double peak = BenchCommand.FmaPeak();
            if (json) PrintJson(result, peak, context);
            else PrintTable(result, peak, context);
            return double.IsFinite(result.FinalLoss) ? Program.Success : Program.Failure;
        }
    }

    private static string Describe(TrainingBenchmarkOptions o) =>
        $"{o.Cell.ToString().ToUpperInvariant()} {o.NumLayers}×{o.HiddenSize}, B = {o.Batch}, T = " +
            $"{o.SequenceLength}, V = {o.Vocabulary}";

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static void PrintTable(TrainingBenchmarkResult r, double peak, CliContext context)
    {
        var o = r.Options;
        var table =
            new Table().Title($"Training step, {Describe(o)}, float32, {r.Threads} threads, {BenchCommand.Kernel()}")
            .AddColumns("measure", "value");
        table.AddRow("ms per step (median)", F(r.MedianSeconds * 1e3, "F2"));
        table.AddRow("characters per second", F(r.CharactersPerSecond, "F0"));
        table.AddRow("model GFLOP/s", F(r.Gigaflops, "F1"));
        table.AddRow("GEMM peak (1024³) GFLOP/s", F(r.GemmPeakGflops, "F1"));
        table.AddRow("fraction of GEMM peak", F(r.FractionOfGemmPeak, "P1"));
        table.AddRow("multiply-add peak at this width GFLOP/s", F(peak, "F1"));
        table.AddRow("fraction of multiply-add peak", F(r.Gigaflops / peak, "P1"));
        table.AddRow("model GFLOP per step", F(o.FlopsPerStep / 1e9, "F3"));
        table.AddRow("managed bytes allocated per step", F(r.BytesAllocatedPerStep, "F0"));
        table.AddRow("model's managed memory (MiB)", F(r.ManagedHeapBytes / 1048576.0, "F1"));
        table.AddRow("required: weights, gradients, RMSprop state, saved activations (MiB)",
            F(o.RequiredBytes / 1048576.0, "F1"));
        table.AddRow("model's managed memory / required", F(r.ManagedRatio, "F2"));
        table.AddRow("working set before the model, runtime (MiB)", F(r.BaselineWorkingSetBytes / 1048576.0, "F1"));
        table.AddRow("peak working set, runtime included (MiB)", F(r.PeakWorkingSetBytes / 1048576.0, "F1"));
        table.AddRow("(peak − before) / required", F(r.WorkingSetRatio, "F2"));
        table.AddRow("loss of the last step", F(r.FinalLoss, "F4"));
        context.Console.Write(table);
    }

    private static void PrintJson(TrainingBenchmarkResult r, double peak, CliContext context)
    {
        var o = r.Options;
        var document = new
        {
            benchmark = "train_step",
            implementation = "recurrent",
            model = o.Cell.ToString().ToLowerInvariant(),
            hidden = o.HiddenSize,
            layers = o.NumLayers,
            batch_size = o.Batch,
            seq_length = o.SequenceLength,
            vocab = o.Vocabulary,
            steps = o.Steps,
            threads = r.Threads,
            kernel = BenchCommand.Kernel(),
            ms_per_step = Math.Round(r.MedianSeconds * 1e3, 3),
            chars_per_s = Math.Round(r.CharactersPerSecond, 1),
            gflops = Math.Round(r.Gigaflops, 2),
            flops_per_step = o.FlopsPerStep,
            gemm_peak_gflops = Math.Round(r.GemmPeakGflops, 2),
            fraction_of_gemm_peak = Math.Round(r.FractionOfGemmPeak, 4),
            fma_peak_gflops = Math.Round(peak, 2),
            fraction_of_fma_peak = Math.Round(r.Gigaflops / peak, 4),
            bytes_allocated_per_step = Math.Round(r.BytesAllocatedPerStep, 1),
            model_managed_bytes = r.ManagedHeapBytes,
            required_bytes = o.RequiredBytes,
            managed_ratio = Math.Round(r.ManagedRatio, 3),
            baseline_working_set_bytes = r.BaselineWorkingSetBytes,
            peak_working_set_bytes = r.PeakWorkingSetBytes,
            working_set_ratio = Math.Round(r.WorkingSetRatio, 3),
            loss = Math.Round(r.FinalLoss, 5),
            step_ms = r.StepSeconds.Select(s => Math.Round(s * 1e3, 3)),
        };
        context.Out.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }
}
