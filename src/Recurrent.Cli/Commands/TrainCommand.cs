using System.CommandLine;
using System.Globalization;
using Recurrent.Backends.Cpu;
using Recurrent.Data;
using Recurrent.Distributed;
using Recurrent.Lab.Plotting;
using Recurrent.Layers.Recurrent;
using Recurrent.Training;
using Spectre.Console;

namespace Recurrent.Cli.Commands;

/// <summary><c>recurrent train</c>: trains the character (or, with --tokens words, word) language model (truncated
/// BPTT) and leaves checkpoints, a learning curve and a sample. Started by <c>mpirun -np N</c>, it trains
/// data-parallel over the N ranks (see docs/distributed.md); otherwise MPI is never loaded.</summary>
public static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var d = new TrainOptions();
        var data =
            new Option<string?>("--data") { Description =
            "UTF-8 text to train on [default: bundled data/moby-dick.txt]" };
        var tokens = OptionFactory.Choice("--tokens", "What a token is", d.Tokens, "chars", "words");
        var valid =
            new Option<string?>("--valid") { Description =
            "UTF-8 text to validate on instead of the end of --data (--train-frac/--val-frac then unused)" };
        var minCount =
            OptionFactory.PositiveInt("--min-count", "Words: rarer words of the training text become <unk>",
            d.MinCount);
        var lowercase = new Option<bool>("--lowercase") { Description = "Words: lowercase every word" };
        var tieWeights =
            new Option<bool>("--tie-weights") { Description =
            "The output layer shares the embedding matrix (needs --embedding equal to --hidden)" };
        var recipe =
            new Option<string?>("--recipe") { Description =
            $"A preset of the flags; flags given too win ({string.Join(", ", TrainRecipes.Names)})" };
        recipe.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1
                && !TrainRecipes.Names.Contains(r.Tokens[0].Value, StringComparer.OrdinalIgnoreCase))
                r.AddError($"--recipe must be one of {string.Join(", ", TrainRecipes.Names)}, got " +
                    $"'{r.Tokens[0].Value}'");
        });
        var anneal =
            OptionFactory.PositiveNumber("--anneal",
            "Divide the learning rate by this when a validation is not a new best (1 = off)", d.AnnealFactor);
        var model = OptionFactory.Choice("--model", "Recurrent cell", d.Model, CommandLineCells.Names);
        var hidden = OptionFactory.PositiveInt("--hidden", "Units per layer", d.Hidden);
        var layers = OptionFactory.PositiveInt("--layers", "Recurrent layers", d.Layers);
        var embedding = NonNegativeInt("--embedding", "Embedding width; 0 = one-hot input", d.Embedding);
        var dropout =
            OptionFactory.NonNegativeNumber("--dropout",
            "Dropout between recurrent layers (words: also on the embeddings and the output), below 1", d.Dropout);
        var peephole = new Option<bool>("--peephole") { Description = "LSTM peephole connections" };
        var seqLength =
            OptionFactory.PositiveInt("--seq-length", "Steps per batch (BPTT truncation length)", d.SeqLength);
        var batchSize = OptionFactory.PositiveInt("--batch-size", "Parallel streams per batch", d.BatchSize);
        var optimizer =
            OptionFactory.Choice("--optimizer", "Optimizer", d.Optimizer, "sgd", "momentum", "nesterov", "adagrad",
            "rmsprop", "adam", "adamw");
        var learningRate = OptionFactory.PositiveNumber("--learning-rate", "Initial step size", d.LearningRate);
        var lrDecay =
            OptionFactory.PositiveNumber("--lr-decay",
            "Multiply the learning rate by this at every completed epoch (≤ 1)", d.LrDecay);
        var gradClip =
            OptionFactory.NonNegativeNumber("--grad-clip", "Clip the global gradient norm to this (0 = off)",
            d.GradClip);
        var maxSteps =
            OptionFactory.OptionalPositiveInt("--max-steps", "Stop at this many steps in all (counting resumed ones)");
        var epochs = OptionFactory.OptionalPositiveInt("--epochs", "Stop when this many epochs are complete in all");
        var minutes =
            OptionFactory.OptionalPositiveNumber("--minutes",
            $"Stop after this many minutes [default: {TrainOptions.DefaultMinutes} when no limit is given]");
        var trainFrac =
            OptionFactory.Fraction("--train-frac", "Share of the text, from its start, to train on", d.TrainFrac);
        var valFrac =
            OptionFactory.Fraction("--val-frac", "Share of the text, from its end, to validate on", d.ValFrac);
        var evalEvery =
            OptionFactory.PositiveInt("--eval-every", "Steps between validations and checkpoint saves", d.EvalEvery);
        var sampleEvery = NonNegativeInt("--sample-every", "Steps between printed samples (0 = never)", d.SampleEvery);
        var curveEvery =
            OptionFactory.PositiveInt("--curve-every", "Steps between points of curve.csv (mean training loss)",
            d.CurveEvery);
        var logEvery =
            OptionFactory.PositiveInt("--log-every", "Steps between log lines when output is not a terminal",
            d.LogEvery);
        var output =
            new Option<string?>("--out") { Description =
            "Folder for checkpoints, curve and sample [default: out/train, or the --resume folder]" };
        var resume =
            new Option<string?>("--resume") { Description = "Continue the run saved in this folder (or a file in it)" };
        var seed =
            new Option<int>("--seed") { Description = "Seed for initialisation, dropout and samples",
            DefaultValueFactory = _ => d.Seed };
        var threads = OptionFactory.OptionalPositiveInt("--threads", "GEMM worker threads [default: all cores]");

        var command =
            new Command("train",
            "Train the character language model (default: 2-layer LSTM, 128 units, on Moby Dick for 3 minutes)")
        {
            data, model, hidden, layers, embedding, dropout, peephole, seqLength, batchSize, optimizer, learningRate,
                lrDecay, gradClip,
            maxSteps, epochs, minutes, trainFrac, valFrac, evalEvery, sampleEvery, curveEvery, logEvery, output, resume,
                seed, threads, tokens, valid, minCount, lowercase, tieWeights, recipe, anneal,
        };
        command.SetAction(parse =>
        {
            var options = new TrainOptions
            {
                Data = parse.GetValue(data), Model = parse.GetValue(model)!.ToLowerInvariant(),
                    Hidden = parse.GetValue(hidden),
                Layers = parse.GetValue(layers), Embedding = parse.GetValue(embedding),
                    Dropout = parse.GetValue(dropout),
                Peephole = parse.GetValue(peephole), SeqLength = parse.GetValue(seqLength),
                    BatchSize = parse.GetValue(batchSize),
                Optimizer = parse.GetValue(optimizer)!.ToLowerInvariant(), LearningRate = parse.GetValue(learningRate),
                LrDecay = parse.GetValue(lrDecay), GradClip = parse.GetValue(gradClip),
                    MaxSteps = parse.GetValue(maxSteps),
                Epochs = parse.GetValue(epochs), Minutes = parse.GetValue(minutes),
                    TrainFrac = parse.GetValue(trainFrac),
                ValFrac = parse.GetValue(valFrac), EvalEvery = parse.GetValue(evalEvery),
                    SampleEvery = parse.GetValue(sampleEvery),
                CurveEvery = parse.GetValue(curveEvery), LogEvery = parse.GetValue(logEvery),
                    Out = parse.GetValue(output), Resume = parse.GetValue(resume),
                Seed = parse.GetValue(seed), Threads = parse.GetValue(threads),
                Tokens = parse.GetValue(tokens)!.ToLowerInvariant(), Valid = parse.GetValue(valid),
                MinCount = parse.GetValue(minCount), Lowercase = parse.GetValue(lowercase),
                TieWeights = parse.GetValue(tieWeights), Recipe = parse.GetValue(recipe)?.ToLowerInvariant(),
                AnnealFactor = parse.GetValue(anneal),
            };
            bool Given(string name) =>
                command.Options.FirstOrDefault(o => o.Name == name) is { } o && parse.GetResult(o) is
                { Implicit: false };
            if (options.Recipe is string preset) options = TrainRecipes.Apply(options, preset, Given);
            if (options.Resume is string from)
                options = TrainResume.FillFromCheckpoint(options, from, o => parse.GetResult(o) is { Implicit: false },
                model, hidden, layers, embedding, dropout, peephole, seqLength, batchSize, optimizer, trainFrac,
                    valFrac, tokens, minCount, lowercase, tieWeights);
            return Run(options, context);
        });
        return command;
    }

    /// <summary>Trains and reports; returns the exit code. Under mpirun every rank runs this, data-parallel; a rank
    /// that fails prints why and ends the whole job (MPI_Abort), since the others would wait for it forever.</summary>
    public static int Run(TrainOptions options, CliContext context)
    {
        var library = ToLibrary(options);
        library.Validate();
        if (!MpiCommunicator.LaunchedByMpirun) return Run(options, library, context, mpi: null);
        using var mpi = MpiCommunicator.Initialize();
        try
        {
            return Run(options, library, context, mpi);
        }
        catch (Exception e) when (mpi.Size > 1)
        {
            int code = CommandRunner.Report(context, e, $"rank {mpi.Rank} of {mpi.Size}: ");
            context.Error.Flush();
            mpi.Abort(code);
            return code;
        }
    }

    private static int Run(TrainOptions options, CharTrainingOptions library, CliContext context, MpiCommunicator? mpi)
    {
        using (ThreadOverride.Apply(options.Threads))
        {
            var corpus = TextCorpus.Load(options.Data ?? DataFiles.Bundled("moby-dick.txt"));
            var data = options.Valid is string validPath
                ? CharTrainingData.Create(corpus, TextCorpus.Load(validPath), library.Tokens)
                : CharTrainingData.Create(corpus, library.Tokens, library.TrainFraction, library.ValidationFraction);
            if (options.EvalEvery == 0) // a recipe's "once per epoch": the batches in one pass over the streams
                library = library with { EvalEvery =
                    Math.Max(1, (data.Train.Length / library.BatchSize - 1) / library.SequenceLength) };
            bool words = library.Tokens.Kind == TokenKind.Words;
            string unit = words ? "tokens" : "characters";
            string outDir = options.Out
                ?? (options.Resume is string r ? CharTrainingFiles.ForResume(r).Directory
                : Path.Combine("out", "train"));
            if (File.Exists(outDir))
                throw new ArgumentException($"--out '{outDir}' is a file, expected a folder (created if missing)");
            var trainer = (options.Resume, mpi) switch
            {
                (string resume, null) => CharModelTrainer.Resume(data, library, resume, outDir),
                (string resume, _) => CharModelTrainer.Resume(data, library, resume, outDir, mpi),
                (null, null) => CharModelTrainer.Start(data, library, outDir),
                (null, _) => CharModelTrainer.Start(data, library, outDir, mpi),
            };
            if (trainer.Rank > 0)
            {
                trainer.Train(); // rank 0 reports and writes
                return Program.Success;
            }
            string ranks = mpi is null ? ""
                : $", data-parallel on {mpi.Size} ranks × {library.BatchSize / mpi.Size} streams";
            context.Console.MarkupLine(Markup.Escape(
                $"{(options.Resume is null ? "training" : $"resuming at step {trainer.Step}:")} " +
                    $"{trainer.Describe()}, {trainer.Model.Parameters.Count:N0} parameters, " +
                $"vocabulary {data.Vocabulary.Count}, {data.Train.Length:N0} training / {data.Validation.Length:N0} " +
                    $"validation {unit}{UnknownNote(data)}, B {library.BatchSize} × T {library.SequenceLength}, " +
                    $"{library.Optimizer} lr {library.LearningRate.ToString(CultureInfo.InvariantCulture)}, clip " +
                    $"{library.GradientClip.ToString(CultureInfo.InvariantCulture)}, {CpuBackend.MaxThreads} " +
                    $"threads{ranks}, budget: {Budget(library)}"));
            var report = TrainWithFlagAdvice(trainer, options.LogEvery, context);
            // The core writes curve.csv; the chart is drawn here, with the lab's plotting, which the core does not
            // carry.
            string title = $"{trainer.Describe()} on {Path.GetFileName(data.Source.Trim('\''))}";
            trainer.Curve.ToChart(title).Write(report.Files.CurveSvg);
            var c = context.Out;
            c.WriteLine(words
                ? string.Create(CultureInfo.InvariantCulture,
                    $"done ({report.StopReason}): {report.Steps} steps, {report.Epochs:F2} epochs, " +
                    $"{report.Elapsed:mm\\:ss}; validation loss {report.ValidationLoss:F4} nats/token (perplexity " +
                    $"{Math.Exp(report.ValidationLoss):F2}), best {report.BestValidationLoss:F4} (perplexity " +
                    $"{Math.Exp(report.BestValidationLoss):F2})")
                : string.Create(CultureInfo.InvariantCulture,
                    $"done ({report.StopReason}): {report.Steps} steps, {report.Epochs:F2} epochs, " +
                    $"{report.Elapsed:mm\\:ss}; validation loss {report.ValidationLoss:F4} nats/char " +
                    $"({report.ValidationBpc:F4} bpc, perplexity {Math.Exp(report.ValidationLoss):F2}), best " +
                    $"{report.BestValidationLoss:F4}"));
            c.WriteLine($"wrote {report.Files.Last}, {Path.GetFileName(report.Files.LastState)}, " +
                $"{Path.GetFileName(report.Files.Best)}, {Path.GetFileName(report.Files.CurveCsv)}, " +
                $"{Path.GetFileName(report.Files.CurveSvg)}, {Path.GetFileName(report.Files.Sample)}");
            c.WriteLine("sample:");
            c.WriteLine(report.Sample.Length > 400 ? report.Sample[..400] + "…" : report.Sample);
            return Program.Success;
        }
    }

    /// <summary>Trains; a divergence is reported with the advice in this command's flags instead of the library's
    /// option names.</summary>
    private static CharTrainingReport TrainWithFlagAdvice(CharModelTrainer trainer, int logEvery, CliContext context)
    {
        try
        {
            return TrainProgressView.Train(trainer, logEvery, context);
        }
        catch (TrainingDivergedException e) when (e.LearningRate is double rate)
        {
            throw new TrainingDivergedException(
                $"{e.Diagnosis} Try a lower --learning-rate (now {rate:G3}) or --grad-clip.");
        }
    }

    /// <summary>The library's options for these flags (the 3-minute budget when no limit is given). Word models
    /// apply --dropout also to the embeddings (when there is an embedding) and to the output, and initialise the
    /// embedding and output layer U(±0.1), as PyTorch's word_language_model does; an --eval-every of 0 (a recipe's
    /// "once per epoch") is left at 1 here and set by <see cref="Run"/> once the data is known.</summary>
    public static CharTrainingOptions ToLibrary(TrainOptions o)
    {
        bool noLimit = o.MaxSteps is null && o.Epochs is null && o.Minutes is null;
        if (!TextTokenization.TryParse(o.Tokens, out var kind))
            throw new ArgumentException($"--tokens must be chars or words, got '{o.Tokens}'");
        bool words = kind == TokenKind.Words;
        if (!words && (o.Lowercase || o.MinCount != 1))
            throw new ArgumentException("--lowercase and --min-count apply to --tokens words only");
        if (o.TieWeights && o.Embedding != o.Hidden)
            throw new ArgumentException($"--tie-weights needs --embedding equal to --hidden, got --embedding " +
                $"{o.Embedding} and --hidden {o.Hidden}");
        return new CharTrainingOptions
        {
            Tokens = new TextTokenization(kind, o.Lowercase, o.MinCount), TieWeights = o.TieWeights,
            EmbeddingDropout = words && o.Embedding > 0 ? o.Dropout : 0, OutputDropout = words ? o.Dropout : 0,
            InitRange = words && o.Embedding > 0 ? 0.1 : 0, AnnealFactor = o.AnnealFactor,
            Model = CellKinds.TryParse(o.Model, out var cell)
                ? cell
                : throw new ArgumentException($"--model must be lstm, gru or rnn, got '{o.Model}'"),
            HiddenSize = o.Hidden, NumLayers = o.Layers, Embedding = o.Embedding, Dropout = o.Dropout,
            Peepholes = o.Peephole,
            SequenceLength = o.SeqLength, BatchSize = o.BatchSize, Optimizer = o.Optimizer,
                LearningRate = o.LearningRate,
            LearningRateDecay = o.LrDecay, GradientClip = o.GradClip, MaxSteps = o.MaxSteps, Epochs = o.Epochs,
            Minutes = noLimit ? TrainOptions.DefaultMinutes
                : o.Minutes, TrainFraction = o.TrainFrac, ValidationFraction = o.ValFrac,
            EvalEvery = Math.Max(1, o.EvalEvery), SampleEvery = o.SampleEvery, CurveEvery = o.CurveEvery, Seed = o.Seed,
        };
    }

    private static string UnknownNote(CharTrainingData data) => data.ValidationUnknown > 0
        ? $" ({data.ValidationUnknown:N0} of them <unk>)" : "";

    private static string Budget(CharTrainingOptions o)
    {
        var parts = new List<string>();
        if (o.MaxSteps is long s) parts.Add($"{s} steps");
        if (o.Epochs is int e) parts.Add($"{e} epochs");
        if (o.Minutes is double m) parts.Add($"{m.ToString(CultureInfo.InvariantCulture)} minutes");
        return string.Join(" or ", parts) + ", whichever comes first";
    }

    private static Option<int> NonNegativeInt(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, CultureInfo.InvariantCulture, out int v)
                && v < 0)
                r.AddError($"{name} must be an integer ≥ 0, got {v}");
        });
        return option;
    }
}
