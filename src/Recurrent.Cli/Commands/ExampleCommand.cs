using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Recurrent.Lab.Examples;
using Spectre.Console;

namespace Recurrent.Cli.Commands;

/// <summary><c>recurrent example counting|binary-addition|parity</c>: the worked example and the
/// length-generalisation tasks (docs/equations.md#memory-tasks).</summary>
public static class ExampleCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("example",
            "The course's worked example and tasks (docs/equations.md#memory-tasks): counting, binary-addition, " +
                "parity");
        command.Subcommands.Add(Counting(context));
        command.Subcommands.Add(BitTask("binary-addition",
            "Train an RNN on short additions (≤ 8 bits, least significant first) and test it on 32-bit ones, beside " +
                "a fixed-width MLP", context));
        command.Subcommands.Add(BitTask("parity",
            "Train an RNN on the parity of short bit strings (≤ 10 bits) and test it on 100-bit ones, beside a " +
                "fixed-width MLP", context));
        return command;
    }

    private static Command Counting(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var command = new Command("counting",
            "The course's worked example: forward values and gradients at the given weights, then gradient descent " +
                "(η = 0.1) to convergence") { json };
        command.SetAction(parse => RunCounting(new CountingOptions { Json = parse.GetValue(json) }, context));
        return command;
    }

    /// <summary>Runs the worked example and prints it; returns the exit code.</summary>
    public static int RunCounting(CountingOptions options, CliContext context)
    {
        var report = CountingExample.Run(options.LearningRate, options.Tolerance);
        if (options.Json) context.Out.WriteLine(CountingPrinter.Json(report));
        else CountingPrinter.Text(report, options.LearningRate, options.Tolerance, context.Out);
        return report.Converged ? Program.Success : Program.Failure;
    }

    private static Command BitTask(string name, string description, CliContext context)
    {
        var d = BitTaskCommandOptions.For(name);
        var seed =
            new Option<int>("--seed") { Description = "Seed for initialisation, training inputs and test sets",
            DefaultValueFactory = _ => d.Seed };
        var hidden = OptionFactory.PositiveInt("--hidden", "Hidden units of the RNN", d.Hidden);
        var mlpHidden = OptionFactory.PositiveInt("--mlp-hidden", "Hidden units of the MLP baseline", d.MlpHidden);
        var steps =
            OptionFactory.PositiveInt("--steps", "Adam updates for each model, each on a fresh batch of short inputs",
            d.Steps);
        var batchSize = OptionFactory.PositiveInt("--batch-size", "Sequences per update", d.BatchSize);
        var learningRate = OptionFactory.PositiveNumber("--learning-rate", "Adam's step size", d.LearningRate);
        var clip =
            OptionFactory.NonNegativeNumber("--clip", "Clip the global gradient norm to this value (0 = off)", d.Clip);
        var curriculum = OptionFactory.NonNegativeNumber("--curriculum",
            "Share of the updates (0 to 1) over which the longest training input grows from 2 to --train-length (0 = " +
                "off)", d.Curriculum);
        var trainLength = OptionFactory.PositiveInt("--train-length",
            $"Longest training input ({Unit(name)}; each is 1..this long), at most {BitTaskOptions.MaxTrainLength}",
                d.TrainLength);
        var testLength =
            OptionFactory.PositiveInt("--test-length", $"Length of the long test inputs ({Unit(name)})", d.TestLength);
        var testCount = OptionFactory.PositiveInt("--test-count", "Sequences in each test set", d.TestCount);
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var command = new Command(name, description)
        {
            seed, hidden, mlpHidden, steps, batchSize, learningRate, clip, curriculum, trainLength, testLength,
                testCount, json,
        };
        command.SetAction(parse => RunBitTask(d with
        {
            Seed = parse.GetValue(seed),
            Hidden = parse.GetValue(hidden),
            MlpHidden = parse.GetValue(mlpHidden),
            Steps = parse.GetValue(steps),
            BatchSize = parse.GetValue(batchSize),
            LearningRate = parse.GetValue(learningRate),
            Clip = parse.GetValue(clip),
            Curriculum = parse.GetValue(curriculum),
            TrainLength = parse.GetValue(trainLength),
            TestLength = parse.GetValue(testLength),
            TestCount = parse.GetValue(testCount),
            Json = parse.GetValue(json),
        }, context));
        return command;
    }

    /// <summary>Trains the RNN and the MLP on a bit task and prints their accuracies side by side; returns the exit
    /// code.</summary>
    public static int RunBitTask(BitTaskCommandOptions options, CliContext context)
    {
        IBitTask task = options.Task == "parity" ? new ParityTask() : new BinaryAdditionTask();
        var library = new BitTaskOptions
        {
            Seed = options.Seed, Hidden = options.Hidden, MlpHidden = options.MlpHidden, Steps = options.Steps,
            BatchSize = options.BatchSize, LearningRate = options.LearningRate, ClipNorm = options.Clip,
                Curriculum = options.Curriculum,
            TrainLength = options.TrainLength, TestLength = options.TestLength, TestCount = options.TestCount,
        };
        library.Validate(); // bad values are reported before any output
        var watch = Stopwatch.StartNew();
        IProgress<BitTaskProgress>? progress = options.Json ? null : new InlineProgress<BitTaskProgress>(p =>
        {
            if (p.Step % Math.Max(1, p.Steps / 5) == 0 || p.Step == p.Steps)
                context.Out.WriteLine($"step {p.Step,5}/{p.Steps}  RNN loss {F(p.RnnLoss, 4)}  MLP loss " +
                    $"{F(p.MlpLoss, 4)}");
        });
        if (!options.Json)
            context.Out.WriteLine($"{task.Name}: RNN (tanh, {options.Hidden} hidden) and MLP ({options.MlpHidden} " +
                $"hidden, input = first {options.TrainLength} steps), {options.Steps} Adam steps of " +
                $"{options.BatchSize} inputs of length 1..{options.TrainLength}, lr {F(options.LearningRate, 4)}, " +
                    $"seed {options.Seed}");
        var report = BitTaskExperiment.Run(task, library, progress);
        double seconds = watch.Elapsed.TotalSeconds;
        if (options.Json)
        {
            context.Out.WriteLine(BitTaskJson(report, seconds));
            return Program.Success;
        }
        var table = new Table().Title($"accuracy on {options.TestCount} unseen inputs per length")
            .AddColumns("model", $"length {options.TrainLength}: sequences", "bits",
                $"length {options.TestLength}: sequences", "bits");
        foreach (var (model, s) in new[] { ("RNN", report.Rnn), ("MLP (fixed width)", report.Mlp) })
            table.AddRow(model, Percent(s.Short.Sequences), Percent(s.Short.Bits), Percent(s.Long.Sequences),
                Percent(s.Long.Bits));
        context.Console.Write(table);
        context.Out.WriteLine(task.ManyToOne
            ? $"The MLP reads the first {options.TrainLength} bits only, so on longer strings it is right by chance " +
                $"(~50%)."
            : $"The MLP reads the first {options.TrainLength} bits of each operand and outputs " +
                $"{options.TrainLength + 1} sum bits; higher bits count as 0.");
        context.Out.WriteLine($"trained and tested in {F(seconds, 1)} s");
        return Program.Success;
    }

    /// <summary>
    /// The JSON object: task, seed, trainLength, testLength, steps, seconds, and rnn and mlp, each with
    /// shortSequenceAccuracy, shortBitAccuracy, longSequenceAccuracy, longBitAccuracy (fractions in [0, 1]) and
    /// finalLoss.
    /// </summary>
    public static string BitTaskJson(BitTaskReport report, double seconds)
    {
        static object Scores(BitModelScores s) => new
        {
            shortSequenceAccuracy = s.Short.Sequences, shortBitAccuracy = s.Short.Bits,
            longSequenceAccuracy = s.Long.Sequences, longBitAccuracy = s.Long.Bits, finalLoss = s.FinalLoss,
        };
        var o = report.Options;
        return JsonSerializer.Serialize(new
        {
            task = report.Task, seed = o.Seed, trainLength = o.TrainLength, testLength = o.TestLength, steps = o.Steps,
                seconds,
            rnn = Scores(report.Rnn), mlp = Scores(report.Mlp),
        });
    }

    private static string Unit(string task) => task == "parity" ? "bits in the string" : "bits per operand";

    private static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture)
        + "%";

    private static string F(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
