using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recurrent.Backends.Cpu;
using Recurrent.Lab.Benchmarks;
using Spectre.Console;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent bench</c>: training steps (<see cref="BenchStepCommand"/>); <c>bench sample</c>: generation
/// (<see cref="BenchSampleCommand"/>); <c>bench gemm</c>: GFLOP/s of the matrix multiply on the standard square and
/// RNN-shaped products; <c>bench wordlm</c>: the word-level recipe's step and its softmax's share
/// (<see cref="BenchWordCommand"/>).
/// </summary>
public static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var repeats = OptionFactory.PositiveInt("--repeats", "Timed batches per shape; the median is reported", 7);
        var threads =
            OptionFactory.OptionalPositiveInt("--threads", "Worker threads for the GEMM [default: all cores]");
        var gemm =
            new Command("gemm",
            "GFLOP/s of single-precision C = A·B on squares (256–2048) and RNN shapes (M×K×N)") { json, repeats,
            threads };
        gemm.SetAction(parse => Run(parse.GetValue(json), parse.GetValue(repeats), parse.GetValue(threads), context));
        var bench =
            new Command("bench",
            "Times whole training steps of a character model (see docs/benchmarks.md); subcommands time the GEMM and " +
            "generation") { gemm, BenchSampleCommand.Create(context), BenchWordCommand.Create(context) };
        BenchStepCommand.Configure(bench, context);
        return bench;
    }

    private static int Run(bool json, int repeats, int? threads, CliContext context)
    {
        using (ThreadOverride.Apply(threads))
        {
            var progress = json ? null : new InlineProgress<string>(line => context.Error.WriteLine(line));
            if (!json)
                context.Error.WriteLine($"timing {GemmShape.Standard.Count} shapes, {repeats} batches each, " +
                $"{CpuBackend.MaxThreads} threads…");
            var results = GemmBenchmark.Run(GemmShape.Standard, repeats, progress);
            double peak = FmaPeak();
            if (json) PrintJson(results, peak, context);
            else PrintTable(results, peak, context);
            return Program.Success;
        }
    }

    private static void PrintTable(IReadOnlyList<GemmBenchmarkResult> results, double peak, CliContext context)
    {
        var table = new Table().Title($"GEMM, float32, {CpuBackend.MaxThreads} threads, {Kernel()}")
            .Caption($"multiply-add peak at this width, same threads: " +
                $"{peak.ToString("F1", CultureInfo.InvariantCulture)} " +
                "GFLOP/s")
            .AddColumns("M×K×N", "GFLOP/s", "ms per product");
        foreach (var r in results)
            table.AddRow(r.Shape.ToString(), r.GigaflopsPerSecond.ToString("F1", CultureInfo.InvariantCulture),
                (r.MedianSeconds * 1e3).ToString("F3", CultureInfo.InvariantCulture));
        context.Console.Write(table);
    }

    private static void PrintJson(IReadOnlyList<GemmBenchmarkResult> results, double peak, CliContext context)
    {
        var document = new
        {
            benchmark = "gemm",
            dtype = "float32",
            threads = CpuBackend.MaxThreads,
            kernel = Kernel(),
            fma_peak_gflops = Math.Round(peak, 2),
            processors = Environment.ProcessorCount,
            results = results.Select(r => new
            {
                shape = r.Shape.ToString(),
                m = r.Shape.M,
                k = r.Shape.K,
                n = r.Shape.N,
                gflops = Math.Round(r.GigaflopsPerSecond, 2),
                median_ms = Math.Round(r.MedianSeconds * 1e3, 4),
                repeats = r.Repeats,
            }),
        };
        context.Out.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>The machine's multiply-add peak at the kernels' width on <see cref="CpuBackend.MaxThreads"/> threads
    /// (<see cref="FmaPeakBenchmark"/>).</summary>
    internal static double FmaPeak() => FmaPeakBenchmark.Measure(CpuBackend.InstructionSet, CpuBackend.MaxThreads);

    /// <summary>The kernels products run on: avx512, avx2+fma or portable (see
    /// <see cref="CpuBackend.InstructionSet"/>).</summary>
    internal static string Kernel() => CpuBackend.InstructionSet switch
    {
        CpuInstructionSet.Avx512 => "avx512",
        CpuInstructionSet.Avx2 => "avx2+fma",
        _ => "portable",
    };
}
