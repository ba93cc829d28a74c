using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recurrent.Lab.Tasks;
using Recurrent.Layers.Recurrent;
using Spectre.Console;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent task adding|copy|parity|binary-addition</c>: the long-memory probes of docs/equations.md#memory-tasks
/// and bit tasks with an RNN, LSTM
/// or GRU, or with --compare all three at several lengths (docs/tasks.md).
/// </summary>
public static class TaskCommand
{
    public static Command Create(CliContext context)
    {
        var command =
            new Command("task", "Long-memory tasks for RNN, LSTM and GRU: adding, copy, parity, binary-addition");
        command.Subcommands.Add(Task("adding",
            "The adding problem: sum the two marked values of T pairs (many-to-one, MSE)", context));
        command.Subcommands.Add(Task("copy",
            "The copy task: reproduce 10 symbols from 8 after T blanks (cross-entropy per step)", context));
        command.Subcommands.Add(Task("parity", "Parity: train on strings of up to 10 bits, test on T bits", context));
        command.Subcommands.Add(Task("binary-addition",
            "Binary addition: train on sums of up to 8 bits, test on T bits", context));
        return command;
    }

    private static Command Task(string name, string description, CliContext context)
    {
        var d = TaskCommandOptions.For(name);
        var model = OptionFactory.Choice("--model", "The recurrent cell", d.Model,
            [.. CellKinds.All.Select(CellKinds.Name)]);
        var length = OptionFactory.PositiveInt("--length", LengthHelp(name), d.Length);
        var steps = OptionFactory.PositiveInt("--steps", "Adam updates, each on a fresh batch", d.Steps);
        var hidden = OptionFactory.PositiveInt("--hidden", "Hidden units", d.Hidden);
        var batchSize = OptionFactory.PositiveInt("--batch-size", "Sequences per update", d.BatchSize);
        var learningRate = OptionFactory.PositiveNumber("--learning-rate", "Adam's step size", d.LearningRate);
        var clip =
            OptionFactory.NonNegativeNumber("--clip", "Clip the global gradient norm to this value (0 = off)", d.Clip);
        var seed =
            new Option<int>("--seed") { Description = "Seed for the weights, the training stream and the test set",
            DefaultValueFactory = _ => d.Seed };
        var testCount =
            OptionFactory.PositiveInt("--test-count", "Unseen sequences the final metric is measured on", d.TestCount);
        var output =
            new Option<string>("--out") { Description =
            $"Directory for learning curves and results (default out/task-{name})" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var compare =
            new Option<bool>("--compare") { Description =
            "Run RNN, LSTM and GRU at every length of --lengths and write a results table" };
        var lengths = new Option<string>("--lengths")
        {
            Description =
                $"Comma-separated lengths for --compare (default " +
                $"{string.Join(',', TaskComparison.DefaultLengths(name))})",
        };
        var command = new Command(name, description)
        {
            model, length, steps, hidden, batchSize, learningRate, clip, seed, testCount, output, json, compare,
                lengths,
        };
        command.SetAction(parse => Run(d with
        {
            Model = parse.GetValue(model)!.ToLowerInvariant(),
            Length = parse.GetValue(length),
            Steps = parse.GetValue(steps),
            Hidden = parse.GetValue(hidden),
            BatchSize = parse.GetValue(batchSize),
            LearningRate = parse.GetValue(learningRate),
            Clip = parse.GetValue(clip),
            Seed = parse.GetValue(seed),
            TestCount = parse.GetValue(testCount),
            Out = parse.GetValue(output),
            Json = parse.GetValue(json),
            Compare = parse.GetValue(compare),
            Lengths = parse.GetValue(lengths),
        }, context));
        return command;
    }

    /// <summary>Runs one model, or with --compare every model at every length; prints and writes the results; returns
    /// the exit code.</summary>
    public static int Run(TaskCommandOptions options, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        var library = options.ToLibrary();
        int[] lengths = options.Compare ? options.ParseLengths() : [options.Length];
        if (!options.Compare && options.Lengths is not null) throw new ArgumentException("--lengths needs --compare");
        // bad values are reported before any output
        foreach (int l in lengths) (library with { Length = l }).Validate();
        string directory = options.Out ?? Path.Combine("out", $"task-{options.Task}");

        IProgress<SequenceTaskProgress>? progress = options.Json ? null : new InlineProgress<SequenceTaskProgress>(p =>
        {
            if (p.Step % Math.Max(1, p.Steps / 5) == 0 || p.Step == p.Steps)
                context.Out.WriteLine($"{p.Task} T={p.Length} {CellKinds.Name(p.Model).ToUpperInvariant(),-4} step " +
                    $"{p.Step,5}/{p.Steps}  training {F(p.TrainMetric)}");
        });
        if (!options.Json)
            context.Out.WriteLine($"{options.Task}: " +
                $"{(options.Compare ? "RNN, LSTM, GRU" : options.Model.ToUpperInvariant())} ({options.Hidden} " +
                $"hidden), " +
                                  $"T = {string.Join(", ", lengths)}, {options.Steps} Adam steps of " +
                                      $"{options.BatchSize}, lr {F(options.LearningRate)}, clip {F(options.Clip)}, " +
                                          $"seed {options.Seed}");
        var outcomes = options.Compare
            ? TaskComparison.Run(library, lengths, progress: progress)
            : [SequenceTaskTrainer.Run(library, progress)];
        var files = TaskReportFiles.Write(directory, outcomes, table: options.Compare);

        if (options.Json)
        {
            context.Out.WriteLine(Json(outcomes, directory));
            return Program.Success;
        }
        var o0 = outcomes[0];
        var table =
            new Table().Title($"{o0.Task}: test {o0.MetricName} on {options.TestCount} unseen sequences (lower is " +
            $"better)")
            .AddColumns("model", "T", $"test {o0.MetricName}", "memoryless baseline", "ratio", "solved", "seconds");
        foreach (var o in outcomes)
            table.AddRow(o.ModelName.ToUpperInvariant(), o.Length.ToString(CultureInfo.InvariantCulture),
                TaskReportFiles.G(o.Metric),
                TaskReportFiles.G(o.Baseline), TaskReportFiles.G(o.Metric / o.Baseline), o.Solved ? "yes"
                    : "no", o.Seconds.ToString("F1", CultureInfo.InvariantCulture));
        context.Console.Write(table);
        context.Out.WriteLine($"solved = test {o0.MetricName} below {SolvedText(o0)}");
        context.Out.WriteLine($"wrote {files.Count} files to {directory}");
        return Program.Success;
    }

    /// <summary>{ task, outDirectory, runs: [{ model, length, metricName, metric, baseline, solvedBelow, solved, steps,
    /// seconds }] }.</summary>
    public static string Json(IReadOnlyList<SequenceTaskOutcome> outcomes, string directory) =>
        JsonSerializer.Serialize(new
    {
        task = outcomes[0].Task,
        outDirectory = directory,
        runs = outcomes.Select(o => new
        {
            model = o.ModelName, length = o.Length, metricName = o.MetricName, metric = o.Metric, baseline = o.Baseline,
            solvedBelow = o.SolvedBelow, solved = o.Solved, steps = o.Steps, seconds = o.Seconds,
        }),
    });

    private static string SolvedText(SequenceTaskOutcome o) => o.Task switch
    {
        "adding" or "copy" => "1% of the memoryless baseline",
        _ => $"{TaskReportFiles.G(o.SolvedBelow)} (at least 99% of the test sequences exactly right)",
    };

    private static string LengthHelp(string task) => task switch
    {
        "adding" => "T, the steps of each sequence (at least 2)",
        "copy" => "T, the gap between the symbols and their copy (sequences are T + 20 steps)",
        "parity" => "T, the bits of each test string (training strings have 1..10)",
        _ => "T, the bits of each operand of the test sums (training sums have 1..8)",
    };

    private static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
