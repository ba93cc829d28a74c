using System.CommandLine;
using System.Globalization;
using Recurrent.Data;
using Recurrent.Layers;
using Recurrent.Models;
using Recurrent.Optimizers;
using Recurrent.Parameters;
using Recurrent.Training;
using Spectre.Console;

namespace Recurrent.Cli.Commands;

/// <summary><c>recurrent mlp</c>: trains a multilayer perceptron by backpropagation on the digits (or XOR) and reports
/// test accuracy.</summary>
public static class MlpCommand
{
    public static Command Create(CliContext context)
    {
        var task = OptionFactory.Choice("--task", "What to learn", "digits", "digits", "xor");
        var data =
            new Option<string?>("--data") { Description =
            "Digits CSV (64 pixels 0–16 and a label per line, optionally .gz) [default: bundled data/digits.csv.gz]" };
        var hidden =
            new Option<string?>("--hidden") { Description =
            "Hidden layer sizes, comma-separated, e.g. 128,64 [default: 64; xor: 4]" };
        var activation =
            OptionFactory.Choice("--activation", "Hidden activation", "tanh", "tanh", "sigmoid", "relu", "leaky-relu",
            "elu");
        var optimizer =
            OptionFactory.Choice("--optimizer", "Optimizer", "adam", "sgd", "momentum", "nesterov", "adagrad",
            "rmsprop", "adam", "adamw");
        var learningRate =
            OptionFactory.OptionalPositiveNumber("--learning-rate", "Step size [default: 0.003; xor: 0.05]");
        var epochs =
            OptionFactory.OptionalPositiveInt("--epochs", "Passes over the training set [default: 40; xor: 300]");
        var batchSize = OptionFactory.OptionalPositiveInt("--batch-size", "Examples per step [default: 32; xor: 4]");
        var testFraction = OptionFactory.Fraction("--test-fraction", "Share of each class held out for testing", 0.2);
        var clip =
            OptionFactory.NonNegativeNumber("--clip", "Clip the global gradient norm to this value (0 = off)", 0);
        var seed =
            new Option<int>("--seed") { Description = "Seed for initialisation, split and shuffling",
            DefaultValueFactory = _ => 1 };

        var command =
            new Command("mlp",
            "Train a multilayer perceptron on the bundled digits (or --task xor) and print test accuracy and a " +
            "confusion matrix")
        {
            task, data, hidden, activation, optimizer, learningRate, epochs, batchSize, testFraction, clip, seed,
        };
        command.SetAction(parse =>
        {
            var defaults = MlpOptions.For(parse.GetValue(task)!);
            var options = defaults with
            {
                Data = parse.GetValue(data),
                Hidden = parse.GetValue(hidden) is string h ? ParseSizes(h) : defaults.Hidden,
                Activation = Activations.Parse(parse.GetValue(activation)!),
                Optimizer = parse.GetValue(optimizer)!.ToLowerInvariant(),
                LearningRate = parse.GetValue(learningRate) ?? defaults.LearningRate,
                Epochs = parse.GetValue(epochs) ?? defaults.Epochs,
                BatchSize = parse.GetValue(batchSize) ?? defaults.BatchSize,
                TestFraction = parse.GetValue(testFraction),
                Clip = parse.GetValue(clip),
                Seed = parse.GetValue(seed),
            };
            return Run(options, context);
        });
        return command;
    }

    /// <summary>Trains and reports; returns the exit code.</summary>
    public static int Run(MlpOptions options, CliContext context)
    {
        bool xor = options.Task == "xor";
        ClassificationDataset train, test;
        if (xor)
        {
            train = test = XorDataset.Create(); // four rows: learning XOR means fitting all of them
        }
        else
        {
            var all = DigitsReader.Load(options.Data ?? DataFiles.Bundled("digits.csv.gz"));
            (train, test) = all.Split(options.TestFraction, new Random(options.Seed));
        }

        var sizes = new[] { train.FeatureCount }.Concat(options.Hidden).Append(train.ClassCount).ToArray();
        var parameters = new ParameterSet<float>();
        var model = new Mlp<float>(parameters, sizes, options.Activation, Activation.Identity);
        parameters.Initialize(new Random(options.Seed));
        var optimizer = OptimizerFactory.Create<float>(options.Optimizer, options.LearningRate);
        var trainer =
            new ClassifierTrainer<float>(model, parameters, optimizer, new ConstantSchedule(options.LearningRate));
        var loop =
            new ClassifierTrainingOptions { Epochs = options.Epochs, BatchSize = options.BatchSize,
            ClipNorm = options.Clip, Seed = options.Seed };

        var console = context.Console;
        console.MarkupLine($"[bold]MLP[/] {string.Join('-', sizes)} " +
            $"({options.Activation.ToString().ToLowerInvariant()}), {parameters.Count:N0} parameters, " +
            $"{options.Optimizer} lr {options.LearningRate.ToString(CultureInfo.InvariantCulture)}, {options.Epochs} " +
                $"epochs, batch {options.BatchSize}, {train.Count} training / {test.Count} test examples");
        try
        {
            TrainWithProgress(trainer, train, loop, context);
        }
        catch (TrainingDivergedException e) // the library's advice names its options; say the flags instead
        {
            throw new TrainingDivergedException($"{e.Diagnosis}; try a smaller learning rate or --clip");
        }

        var matrix = trainer.Evaluate(test);
        if (xor) PrintTruthTable(trainer, console);
        else PrintConfusion(matrix, console);
        console.MarkupLine($"[bold]test accuracy {matrix.Accuracy * 100:F2}%[/] ({matrix.Correct}/{matrix.Total})");
        return Program.Success;
    }

    private static void TrainWithProgress(ClassifierTrainer<float> trainer, ClassificationDataset train,
        ClassifierTrainingOptions loop, CliContext context)
    {
        if (context.Interactive)
        {
            context.Console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(),
                new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var bar = ctx.AddTask("training", maxValue: loop.Epochs);
                    trainer.Train(train, loop, new InlineProgress<EpochReport>(r =>
                    {
                        bar.Description =
                            $"epoch {r.Epoch}/{r.Epochs} loss {r.TrainLoss:F4} acc {r.TrainAccuracy * 100:F1}%";
                        bar.Value = r.Epoch;
                    }));
                });
            return;
        }
        int every = Math.Max(1, loop.Epochs / 10);
        trainer.Train(train, loop, new InlineProgress<EpochReport>(r =>
        {
            if (r.Epoch % every == 0 || r.Epoch == r.Epochs)
                context.Out.WriteLine($"epoch {r.Epoch,4}/{r.Epochs}  loss {r.TrainLoss:F4}  train accuracy " +
                    $"{r.TrainAccuracy * 100:F1}%");
        }));
    }

    private static void PrintConfusion(ConfusionMatrix matrix, IAnsiConsole console)
    {
        var table = new Table().Title("confusion matrix (rows: actual, columns: predicted)");
        table.AddColumn("");
        for (int c = 0; c < matrix.ClassCount; c++)
            table.AddColumn(new TableColumn(c.ToString(CultureInfo.InvariantCulture)).RightAligned());
        for (int a = 0; a < matrix.ClassCount; a++)
        {
            var cells = new List<string> { $"[bold]{a}[/]" };
            for (int p = 0; p < matrix.ClassCount; p++)
            {
                int n = matrix[a, p];
                cells.Add(n == 0 ? "[grey]·[/]" : a == p ? $"[green]{n}[/]" : $"[red]{n}[/]");
            }
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
    }

    private static void PrintTruthTable(ClassifierTrainer<float> trainer, IAnsiConsole console)
    {
        var xor = XorDataset.Create();
        var table = new Table().Title("XOR").AddColumns("x₁", "x₂", "target", "predicted");
        for (int i = 0; i < xor.Count; i++)
        {
            int predicted = trainer.Predict(xor, i);
            table.AddRow($"{xor.Features[2 * i]}", $"{xor.Features[2 * i + 1]}", $"{xor.Labels[i]}",
                predicted == xor.Labels[i] ? $"[green]{predicted}[/]" : $"[red]{predicted}[/]");
        }
        console.Write(table);
    }

    private static int[] ParseSizes(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] <= 0)
                throw new ArgumentException($"--hidden must be positive integers separated by commas, e.g. 128,64; " +
                    $"got '{text}'");
        return sizes;
    }
}
