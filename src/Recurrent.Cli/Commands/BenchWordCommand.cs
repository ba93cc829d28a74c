using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recurrent.Backends.Cpu;
using Recurrent.Lab.Benchmarks;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent bench wordlm [--vocab V] [--tie-weights] [--steps N] [--threads N] [--json]</c>: training steps of
/// PyTorch's word_language_model recipe on random tokens, and the softmax head's share of them
/// (<see cref="WordModelBenchmark"/>).
/// </summary>
public static class BenchWordCommand
{
    public static Command Create(CliContext context)
    {
        var vocab = OptionFactory.PositiveInt("--vocab", "Words (the softmax width)", 27863);
        var tie = new Option<bool>("--tie-weights") { Description = "The head shares the embedding matrix" };
        var steps = OptionFactory.PositiveInt("--steps", "Timed steps; medians are reported", 10);
        var threads =
            OptionFactory.OptionalPositiveInt("--threads", "Worker threads for the GEMM [default: all cores]");
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a line" };
        var command =
            new Command("wordlm",
            "Steps of the word-level recipe (embedding 200, LSTM 2×200, B 20, T 35, SGD) and the softmax's share")
            { vocab, tie, steps, threads, json };
        command.SetAction(parse =>
        {
            int v = parse.GetValue(vocab);
            if (v < 2) throw new ArgumentException($"--vocab must be at least 2, got {v}");
            using (ThreadOverride.Apply(parse.GetValue(threads)))
            {
                var r = WordModelBenchmark.Run(v, tieWeights: parse.GetValue(tie), steps: parse.GetValue(steps));
                if (parse.GetValue(json))
                    context.Out.WriteLine(JsonSerializer.Serialize(new
                    {
                        benchmark = "wordlm", implementation = "recurrent", vocab = v, tied = parse.GetValue(tie),
                        threads = CpuBackend.MaxThreads, ms_per_step = Math.Round(r.StepSeconds * 1e3, 2),
                        head_ms = Math.Round(r.HeadSeconds * 1e3, 2), head_share = Math.Round(r.HeadShare, 3),
                        head_gflops = Math.Round(r.HeadGigaflopsPerSecond, 1),
                        tokens_per_s = Math.Round(r.TokensPerSecond),
                    }));
                else
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"word LM step, V = {v}, {CpuBackend.MaxThreads} threads: {r.StepSeconds * 1e3:F1} ms " +
                            $"({r.TokensPerSecond:F0} tokens/s); softmax head {r.HeadSeconds * 1e3:F1} ms = " +
                            $"{r.HeadShare:P0} of the step, its products at ≥ {r.HeadGigaflopsPerSecond:F1} GFLOP/s"));
                return Program.Success;
            }
        });
        return command;
    }
}
