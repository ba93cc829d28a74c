using System.CommandLine;
using System.Globalization;
using Recurrent.Layers.Recurrent;
using Recurrent.Seq2Seq;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent seq2seq train</c>: trains an encoder–decoder on source&lt;TAB&gt;target lines, printing the loss, the
/// validation WER/PER and a few decoded examples each epoch, leaving best.safetensors (lowest validation WER) and
/// last.safetensors in --out.
/// </summary>
public static class Seq2SeqTrainCommand
{
    public static Command Create(CliContext context)
    {
        var d = new Seq2SeqTrainOptions();
        var data = new Option<string>("--data") { Description = "Training lines: source<TAB>target", Required = true };
        var valid = new Option<string?>("--valid") { Description = "Validation lines: source<TAB>target" };
        var output = new Option<string>("--out") { Description = "Folder for the checkpoints", Required = true };
        var minutes = OptionFactory.OptionalPositiveNumber("--minutes", "Stop after this many minutes");
        var epochs = OptionFactory.PositiveInt("--epochs", "Passes over the training data", d.Epochs);
        var attention = OptionFactory.Choice("--attention", "Attention: none, bahdanau (additive), luong (general) " +
            "or luong-dot", d.Attention, "none", "bahdanau", "luong", "luong-dot");
        var sourceTokens = OptionFactory.Choice("--source-tokens", "Source tokens", d.SourceTokens, "chars", "words");
        var targetTokens = OptionFactory.Choice("--target-tokens", "Target tokens", d.TargetTokens, "chars", "words");
        var model = OptionFactory.Choice("--model", "Recurrent cell of encoder and decoder", d.Model, "lstm", "gru");
        var embedding = OptionFactory.PositiveInt("--embedding", "Embedding width of both sides", d.Embedding);
        var hidden = OptionFactory.PositiveInt("--hidden", "Encoder units per direction", d.Hidden);
        var decoderHidden = OptionFactory.PositiveInt("--decoder-hidden",
            "Decoder units (the encoder's state is projected when it differs)", d.DecoderHidden);
        var layers = OptionFactory.PositiveInt("--layers", "Layers of encoder and decoder", d.Layers);
        var unidirectional = new Option<bool>("--unidirectional") { Description = "Read sources one way only" };
        var batchSize = OptionFactory.PositiveInt("--batch-size", "Pairs per step", d.BatchSize);
        var learningRate = OptionFactory.PositiveNumber("--learning-rate", "Adam's step size", d.LearningRate);
        var gradClip = OptionFactory.NonNegativeNumber("--grad-clip", "Clip the global gradient norm (0 = off)",
            d.GradClip);
        var smoothing = OptionFactory.NonNegativeNumber("--label-smoothing", "Label smoothing ε, below 1",
            d.LabelSmoothing);
        var teacher = OptionFactory.NonNegativeNumber("--teacher-forcing",
            "Share of decoder inputs taken from the reference, ≤ 1 (the rest: the model's own predictions)",
            d.TeacherForcing);
        var seed = new Option<int>("--seed") { Description = "Seed of the weights and batch order",
            DefaultValueFactory = _ => d.Seed };
        var command = new Command("train", "Train an encoder–decoder; best and last checkpoints in --out");
        foreach (var option in new Option[]
                 {
                     data, valid, output, minutes, epochs, attention, sourceTokens, targetTokens, model, embedding,
                     hidden, decoderHidden, layers, unidirectional, batchSize, learningRate, gradClip, smoothing,
                     teacher, seed,
                 })
            command.Options.Add(option);
        command.SetAction(parse => Run(new Seq2SeqTrainOptions
        {
            Data = parse.GetValue(data)!, Valid = parse.GetValue(valid), Out = parse.GetValue(output)!,
            Minutes = parse.GetValue(minutes), Epochs = parse.GetValue(epochs),
            Attention = parse.GetValue(attention)!.ToLowerInvariant(),
            SourceTokens = parse.GetValue(sourceTokens)!.ToLowerInvariant(),
            TargetTokens = parse.GetValue(targetTokens)!.ToLowerInvariant(),
            Model = parse.GetValue(model)!.ToLowerInvariant(), Embedding = parse.GetValue(embedding),
            Hidden = parse.GetValue(hidden), DecoderHidden = parse.GetValue(decoderHidden),
            Layers = parse.GetValue(layers), Unidirectional = parse.GetValue(unidirectional),
            BatchSize = parse.GetValue(batchSize), LearningRate = parse.GetValue(learningRate),
            GradClip = parse.GetValue(gradClip), LabelSmoothing = parse.GetValue(smoothing),
            TeacherForcing = parse.GetValue(teacher), Seed = parse.GetValue(seed),
        }, context));
        return command;
    }

    /// <summary>Reads the data, trains, prints progress and a summary; returns the exit code.</summary>
    public static int Run(Seq2SeqTrainOptions o, CliContext context)
    {
        if (o.LabelSmoothing >= 1)
            throw new ArgumentException($"--label-smoothing must be below 1, got {o.LabelSmoothing}");
        if (o.TeacherForcing > 1)
            throw new ArgumentException($"--teacher-forcing must be ≤ 1, got {o.TeacherForcing}");
        if (File.Exists(Path.Combine(o.Out, "last.safetensors")) || File.Exists(Path.Combine(o.Out,
                "best.safetensors")))
            throw new ArgumentException($"--out '{o.Out}' already holds a run; choose another folder");
        var train = Seq2SeqData.Read(o.Data);
        var valid = o.Valid is null ? null : Seq2SeqData.Read(o.Valid);
        var sourceUnit = Unit(o.SourceTokens);
        var targetUnit = Unit(o.TargetTokens);
        var source = TokenVocabulary.Build(sourceUnit, train.Select(p => p.Source));
        var target = TokenVocabulary.Build(targetUnit, train.Select(p => p.Target));
        var options = new Seq2SeqOptions(0, 0, Attention(o.Attention), o.Model == "gru" ? CellKind.Gru : CellKind.Lstm,
            o.Embedding, o.Hidden, o.DecoderHidden, o.Layers, !o.Unidirectional);
        var model = new Seq2SeqModel(options, source, target, new Random(o.Seed));
        Directory.CreateDirectory(o.Out);
        var c = CultureInfo.InvariantCulture;
        string validation = valid is null ? "" : string.Create(c, $", {valid.Count:N0} validation pairs");
        context.Out.WriteLine(string.Create(c,
            $"{(options.Bidirectional ? "bi-" : "")}{o.Model.ToUpperInvariant()} {o.Layers}×{o.Hidden} encoder, " +
            $"{o.DecoderHidden} decoder, attention {o.Attention}; {model.Network.Parameters.Count:N0} parameters; " +
            $"{train.Count:N0} training pairs, {source.Count} source and {target.Count} target ids{validation}"));
        var examples = valid?.Select(p => p.Source).Distinct().Take(3).ToArray() ?? [];
        var log = new Log(context.Out, model, o.Out, examples);
        var report = Seq2SeqTrainer.Train(model, train, valid, new Seq2SeqTrainingOptions(o.Epochs, o.Minutes,
            o.BatchSize, o.LearningRate, o.GradClip, o.LabelSmoothing, o.TeacherForcing, o.Seed), log);
        string best = report.BestValidation is { } b
            ? string.Create(c, $"; best validation WER {100 * b.Wer:F2}%, PER {100 * b.Per:F2}%") : "";
        context.Out.WriteLine(string.Create(c, $"done: {report.Epochs} epochs, {report.Steps:N0} steps, " +
            $"{report.Elapsed.TotalMinutes:F1} minutes, loss {report.FinalLoss:F4}{best}"));
        context.Out.WriteLine($"checkpoints: {Path.Combine(o.Out, "best.safetensors")} (best), " +
            $"{Path.Combine(o.Out, "last.safetensors")} (last)");
        return Program.Success;
    }

    internal static TokenUnit Unit(string name) => name == "words" ? TokenUnit.Words : TokenUnit.Chars;

    internal static AttentionKind Attention(string name) => name switch
    {
        "none" => AttentionKind.None,
        "bahdanau" => AttentionKind.Bahdanau,
        "luong-dot" => AttentionKind.LuongDot,
        _ => AttentionKind.LuongGeneral,
    };

    /// <summary>Prints progress synchronously and saves the checkpoints at each epoch's end.</summary>
    private sealed class Log(TextWriter output, Seq2SeqModel model, string folder, string[] examples)
        : IProgress<Seq2SeqTrainingProgress>
    {
        public void Report(Seq2SeqTrainingProgress p)
        {
            var c = CultureInfo.InvariantCulture;
            if (!p.EpochEnd)
            {
                output.WriteLine(string.Create(c, $"epoch {p.Epoch,3}  step {p.Step,7:N0}  loss {p.Loss:F4}  " +
                    $"{p.Elapsed:mm\\:ss}"));
                output.Flush();
                return;
            }
            model.Save(Path.Combine(folder, "last.safetensors"));
            if (p.IsBest) model.Save(Path.Combine(folder, "best.safetensors"));
            string scores = p.Validation is { } v
                ? string.Create(c,
                    $"  validation WER {100 * v.Wer:F2}%  PER {100 * v.Per:F2}%{(p.IsBest ? " (best)" : "")}")
                : "";
            output.WriteLine(string.Create(c,
                $"epoch {p.Epoch,3} done  step {p.Step,7:N0}  loss {p.Loss:F4}{scores}  {p.Elapsed:mm\\:ss}"));
            if (examples.Length > 0)
            {
                var decoded = model.Decode(examples);
                for (int i = 0; i < examples.Length; i++) output.WriteLine($"    {examples[i]} → {decoded[i]}");
            }
            output.Flush();
        }
    }
}
