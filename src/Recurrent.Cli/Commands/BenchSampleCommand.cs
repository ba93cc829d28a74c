using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recurrent.Backends.Cpu;
using Recurrent.Lab.Benchmarks;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent bench sample [--model M] [--hidden H] [--layers L] [--vocab V] [--chars N] [--threads N] [--json]</c>:
/// characters per second of generation at batch 1 (<see cref="SampleBenchmark"/>); default a 2×512 LSTM.
/// </summary>
public static class BenchSampleCommand
{
    public static Command Create(CliContext context)
    {
        var model = OptionFactory.Choice("--model", "Recurrent cell", "lstm", CommandLineCells.Names);
        var hidden = OptionFactory.PositiveInt("--hidden", "Hidden units per layer", 512);
        var layers = OptionFactory.PositiveInt("--layers", "Stacked recurrent layers", 2);
        var vocab = OptionFactory.PositiveInt("--vocab", "Characters (one-hot width and head outputs)", 65);
        var chars = OptionFactory.PositiveInt("--chars", "Characters generated in the timed run", 2000);
        var threads =
            OptionFactory.OptionalPositiveInt("--threads", "Worker threads for the GEMM [default: all cores]");
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a line" };
        var sample =
            new Command("sample", "Characters per second generating at batch 1") { model, hidden, layers, vocab, chars,
            threads, json };
        sample.SetAction(parse =>
        {
            using (ThreadOverride.Apply(parse.GetValue(threads)))
            {
                string name = parse.GetValue(model)!;
                int h = parse.GetValue(hidden), l = parse.GetValue(layers), v = parse.GetValue(vocab),
                    n = parse.GetValue(chars);
                var (rate, bytes) = SampleBenchmark.Run(BenchStepCommand.Cell(name), h, l, v, n);
                if (parse.GetValue(json))
                {
                    var document = new
                    {
                        benchmark = "sample", implementation = "recurrent", model = name.ToLowerInvariant(), hidden = h,
                            layers = l, vocab = v,
                        chars = n, threads = CpuBackend.MaxThreads, chars_per_s = Math.Round(rate, 1),
                            bytes_allocated_per_char = Math.Round(bytes, 1),
                    };
                    context.Out.WriteLine(JsonSerializer.Serialize(document,
                        new JsonSerializerOptions { WriteIndented = true }));
                }
                else
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name.ToUpperInvariant()} {l}×{h}, V = {v}, batch 1, {CpuBackend.MaxThreads} threads: " +
                            $"{rate:F0} characters per second ({bytes:F0} managed bytes per character)"));
                return Program.Success;
            }
        });
        return sample;
    }
}
