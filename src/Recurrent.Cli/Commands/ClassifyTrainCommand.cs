using System.CommandLine;
using System.Globalization;
using Recurrent.Classification;
using Recurrent.Data;
using Recurrent.Distributed;
using Recurrent.Layers.Recurrent;
using Recurrent.Optimizers;
using Recurrent.Sequences;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent classify train</c>: trains a sequence classifier, validating once per epoch (accuracy), stopping
/// early when it stops improving, leaving best.safetensors and last.safetensors (+ its state, to --resume) in --out.
/// </summary>
public static class ClassifyTrainCommand
{
    public static Command Create(CliContext context)
    {
        var d = new ClassifyTrainOptions();
        var train = new ClassifyInputs("--data", "training data", "--images", "--labels");
        var valid = new ClassifyInputs("--valid", "validation data", "--valid-images", "--valid-labels");
        var classNames = ClassifyInputs.ClassNamesOption();
        var output = new Option<string>("--out") { Description = "Folder for the checkpoints", Required = true };
        var minutes = OptionFactory.OptionalPositiveNumber("--minutes", "Stop after this many minutes");
        var epochs = OptionFactory.OptionalPositiveInt("--epochs",
            $"Stop after this many epochs in all [default: {ClassifyTrainOptions.DefaultEpochs} without --minutes]");
        var model = OptionFactory.Choice("--model", "Recurrent cell", d.Model, CommandLineCells.Names);
        var bidirectional = new Option<bool>("--bidirectional") { Description = "Read each sequence both ways" };
        var pool = OptionFactory.Choice("--pool", "How the steps become one row", d.Pool, "last", "mean", "max",
            "attention");
        var hidden = OptionFactory.PositiveInt("--hidden", "Units per layer and direction", d.Hidden);
        var layers = OptionFactory.PositiveInt("--layers", "Recurrent layers", d.Layers);
        var embedding = new Option<int>("--embedding")
        {
            Description = "Embedding width for text; 0 = one-hot characters", DefaultValueFactory = _ => d.Embedding,
        };
        var dropout = OptionFactory.NonNegativeNumber("--dropout", "Dropout between recurrent layers, below 1",
            d.Dropout);
        var batchSize = OptionFactory.PositiveInt("--batch-size", "Sequences per batch", d.BatchSize);
        var optimizer = OptionFactory.Choice("--optimizer", "Optimizer", d.Optimizer, "sgd", "momentum", "nesterov",
            "adagrad", "rmsprop", "adam", "adamw");
        var learningRate = OptionFactory.PositiveNumber("--learning-rate", "Step size", d.LearningRate);
        var lrDecay = OptionFactory.PositiveNumber("--lr-decay", "Multiply the rate by this every epoch (≤ 1)",
            d.LrDecay);
        var gradClip = OptionFactory.NonNegativeNumber("--grad-clip", "Clip the global gradient norm (0 = off)",
            d.GradClip);
        var patience = OptionFactory.PositiveInt("--patience",
            "Stop when validation accuracy has not improved for this many epochs", d.Patience);
        var validFraction = OptionFactory.Fraction("--valid-fraction",
            "Without validation data: the share of the training data held out to validate (seeded)", d.ValidFraction);
        var balance = new Option<bool>("--balance-classes")
        {
            Description = "Weigh classes by inverse frequency in the loss (imbalanced labels)",
        };
        var mirror = new Option<bool>("--mirror")
        {
            Description =
                "Images: also train on each training image flipped left to right (after the validation split)",
        };
        var smoothing = OptionFactory.NonNegativeNumber("--label-smoothing", "Label smoothing ε, below 1",
            d.LabelSmoothing);
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the weights, dropout, shuffling and validation split", DefaultValueFactory = _ => 1,
        };
        var resume = new Option<bool>("--resume") { Description = "Continue the run saved in --out" };
        var threads = OptionFactory.OptionalPositiveInt("--threads", "GEMM worker threads [default: all cores]");
        var logEvery = new Option<int>("--log-every")
        {
            Description = "Also print the training loss every this many steps (0 = once per epoch only)",
        };
        var command = new Command("train", "Train a sequence classifier; best and last checkpoints in --out");
        train.AddTo(command);
        valid.AddTo(command);
        foreach (var option in new Option[]
                 {
                     classNames, output, minutes, epochs, model, bidirectional, pool, hidden, layers, embedding,
                     dropout, batchSize, optimizer, learningRate, lrDecay, gradClip, patience, validFraction, balance,
                     mirror, smoothing, seed, resume, threads, logEvery,
                 })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var options = new ClassifyTrainOptions
            {
                Out = parse.GetValue(output)!, Minutes = parse.GetValue(minutes), Epochs = parse.GetValue(epochs),
                Model = parse.GetValue(model)!.ToLowerInvariant(), Bidirectional = parse.GetValue(bidirectional),
                Pool = parse.GetValue(pool)!.ToLowerInvariant(), Hidden = parse.GetValue(hidden),
                Layers = parse.GetValue(layers), Embedding = parse.GetValue(embedding),
                Dropout = parse.GetValue(dropout), BatchSize = parse.GetValue(batchSize),
                Optimizer = parse.GetValue(optimizer)!.ToLowerInvariant(),
                LearningRate = parse.GetValue(learningRate), LrDecay = parse.GetValue(lrDecay),
                GradClip = parse.GetValue(gradClip), Patience = parse.GetValue(patience),
                ValidFraction = parse.GetValue(validFraction), BalanceClasses = parse.GetValue(balance),
                Mirror = parse.GetValue(mirror),
                LabelSmoothing = parse.GetValue(smoothing), Seed = parse.GetValue(seed),
                Resume = parse.GetValue(resume), Threads = parse.GetValue(threads),
                LogEvery = parse.GetValue(logEvery),
            };
            var names = ClassifyInputs.ClassNames(parse.GetValue(classNames));
            return Run(options, () => train.Read(parse, names, null),
                classifier => valid.Given(parse) ? valid.Read(parse, names, classifier) : null, context);
        });
        return command;
    }

    /// <summary>
    /// Reads the data, trains, prints a line per epoch and a summary; returns the exit code. Under mpirun every rank
    /// runs this, data-parallel (each takes its share of every batch; rank 0 prints and writes); a rank that fails
    /// prints why and ends the whole job (MPI_Abort), since the others would wait for it forever.
    /// </summary>
    public static int Run(ClassifyTrainOptions o, Func<SequenceDataset> readTrain,
        Func<SequenceClassifier, SequenceDataset?> readValid, CliContext context)
    {
        if (!MpiCommunicator.LaunchedByMpirun) return Run(o, readTrain, readValid, context, mpi: null);
        using var mpi = MpiCommunicator.Initialize();
        try
        {
            return Run(o, readTrain, readValid, context, mpi);
        }
        catch (Exception e) when (mpi.Size > 1)
        {
            int code = CommandRunner.Report(context, e, $"rank {mpi.Rank} of {mpi.Size}: ");
            context.Error.Flush();
            mpi.Abort(code);
            return code;
        }
    }

    private static int Run(ClassifyTrainOptions o, Func<SequenceDataset> readTrain,
        Func<SequenceClassifier, SequenceDataset?> readValid, CliContext context, MpiCommunicator? mpi)
    {
        if (o.Dropout >= 1) throw new ArgumentException($"--dropout must be below 1, got {o.Dropout}");
        if (o.LrDecay > 1) throw new ArgumentException($"--lr-decay must be ≤ 1, got {o.LrDecay}");
        if (o.LabelSmoothing >= 1)
            throw new ArgumentException($"--label-smoothing must be below 1, got {o.LabelSmoothing}");
        if (o.Embedding < 0) throw new ArgumentException($"--embedding must be ≥ 0, got {o.Embedding}");
        if (o.LogEvery < 0) throw new ArgumentException($"--log-every must be ≥ 0, got {o.LogEvery}");
        using var threads = ThreadOverride.Apply(o.Threads);
        var output = mpi is { Rank: > 0 } ? TextWriter.Null : context.Out; // rank 0 speaks for all
        bool held = File.Exists(Path.Combine(o.Out, "last.safetensors"));
        if (held && !o.Resume)
            throw new ArgumentException($"--out '{o.Out}' already holds a run (last.safetensors); pass --resume to " +
                "continue it, or choose another folder");
        if (!held && o.Resume)
            throw new ArgumentException($"--resume: '{o.Out}' holds no run to continue (no last.safetensors)");
        var data = readTrain();
        if (data.TargetKind != SequenceTargetKind.Class)
            throw new ArgumentException("the training data has no class labels");
        var classifier = o.Resume ? SequenceClassifier.Load(Path.Combine(o.Out, "last.safetensors"))
            : SequenceClassifier.Create(data, Architecture(o, data), o.Seed);
        if (o.Resume && !classifier.ClassNames.SequenceEqual(data.ClassNames))
            throw new ArgumentException($"--resume: the training data's classes differ from the run's " +
                $"[{string.Join(", ", classifier.ClassNames)}]");
        var validation = readValid(classifier);
        var training = data;
        if (validation is null) (training, validation) = data.Split(o.ValidFraction, new Random(o.Seed));
        if (o.Mirror)
        {
            if (data.IsTokens) throw new ArgumentException("--mirror flips images; the training data is text");
            training = ClassificationData.WithMirroredRows(training);
        }
        var trainerOptions = TrainerOptions(o, training) with { Communicator = mpi };
        string ranks = mpi is null ? "" : $"; data-parallel on {mpi.Size} ranks × ~{o.BatchSize / mpi.Size} sequences";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Describe(classifier.Model.Options)}, {classifier.Model.Parameters.Count:N0} parameters; " +
            $"{training.Count:N0} training and {validation.Count:N0} validation sequences, {data.ClassCount} " +
            $"classes{ranks}"));
        var progress = new EpochLog(output, o.LogEvery);
        var report = o.Resume
            ? SequenceClassifier.Resume(o.Out, training, validation, trainerOptions, progress).Report
            : classifier.Train(training, validation, trainerOptions, progress);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"done ({report.StopReason}): {report.Steps:N0} steps, {report.Epochs:F2} epochs, " +
            $"{report.Elapsed:mm\\:ss}; validation accuracy {100 * report.ValidationMetric:F2}%, best " +
            $"{100 * report.BestValidationMetric:F2}% at step {report.BestStep:N0}"));
        output.WriteLine($"checkpoints: {Path.Combine(o.Out, "best.safetensors")} (best), " +
            $"{Path.Combine(o.Out, "last.safetensors")} (last, --resume continues it)");
        return Program.Success;
    }

    private static SequenceModelOptions Architecture(ClassifyTrainOptions o, SequenceDataset data)
    {
        if (o.Embedding > 0 && !data.IsTokens)
            throw new ArgumentException("--embedding reads characters, but the data holds features");
        CellKinds.TryParse(o.Model, out var cell);
        return new SequenceModelOptions
        {
            Cell = cell, HiddenSize = o.Hidden, NumLayers = o.Layers, Bidirectional = o.Bidirectional,
            Dropout = o.Dropout, EmbeddingSize = o.Embedding,
            Pooling = Enum.Parse<PoolingKind>(o.Pool, ignoreCase: true),
        };
    }

    private static SequenceTrainerOptions TrainerOptions(ClassifyTrainOptions o, SequenceDataset training) => new()
    {
        Optimizer = Enum.Parse<OptimizerKind>(o.Optimizer, ignoreCase: true), LearningRate = o.LearningRate,
        LearningRateDecay = o.LrDecay, BatchSize = o.BatchSize, GradientClip = o.GradClip, Patience = o.Patience,
        Epochs = o.Epochs ?? (o.Minutes is null ? ClassifyTrainOptions.DefaultEpochs : null),
        TimeBudget = o.Minutes is double m ? TimeSpan.FromMinutes(m) : null, Seed = o.Seed,
        ClassWeights = o.BalanceClasses ? ClassWeights.InverseFrequency(training) : null,
        LabelSmoothing = o.LabelSmoothing, CheckpointDirectory = o.Out,
    };

    private static string Describe(SequenceModelOptions m) =>
        $"{(m.Bidirectional ? "bi-" : "")}{CellKinds.Name(m.Cell).ToUpperInvariant()} {m.NumLayers}×{m.HiddenSize}" +
        $", {m.Pooling.ToString().ToLowerInvariant()} pooling, " +
        (m.Input == InputKind.Tokens ? $"{m.InputSize} characters" : $"{m.InputSize} features per step");

    /// <summary>One line per validation (once per epoch), and one per <paramref name="logEvery"/> steps when not 0,
    /// synchronously (not through a synchronisation context).</summary>
    private sealed class EpochLog(TextWriter output, int logEvery) : IProgress<SequenceTrainingProgress>
    {
        private double _best = double.NegativeInfinity;
        private long _logged;

        public void Report(SequenceTrainingProgress p)
        {
            if (logEvery > 0 && p.Step % logEvery == 0 && p.Step != _logged)
            {
                _logged = p.Step; // an end-of-epoch report repeats its step's loss
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"step {p.Step,7}  loss {p.Loss:G7}  lr {p.LearningRate:G3}  {p.Elapsed:mm\\:ss\\.ff}"));
            }
            if (p.ValidationMetric is not double accuracy) return;
            _best = Math.Max(_best, accuracy);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {p.Epoch,5:F2}  step {p.Step,7:N0}  loss {p.Loss:F4}  validation loss {p.ValidationLoss:F4}" +
                $"  accuracy {100 * accuracy:F2}%  best {100 * _best:F2}%  lr {p.LearningRate:G3}  " +
                    $"{p.Elapsed:mm\\:ss}"));
            output.Flush();
        }
    }
}
