using System.CommandLine;
using System.Globalization;
using Recurrent.Classification;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent classify predict</c>: one input per line on standard input (a text model: the text; a feature
/// model: every step's features, step after step, comma-separated), one <c>label&lt;TAB&gt;probability</c> per line
/// out; <c>--attention</c> adds the attention weights of each step.
/// </summary>
public static class ClassifyPredictCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint = new Option<string>("--checkpoint")
        {
            Description = "A classifier file, or a classify train --out folder (its best.safetensors)", Required = true,
        };
        var attention = new Option<bool>("--attention")
        {
            Description = "Add a third column: the attention weight of each step (attention pooling only)",
        };
        var command = new Command("predict",
            "Classify one sequence per line of standard input: label<TAB>probability per line")
        {
            checkpoint, attention,
        };
        command.SetAction(parse => Run(SequenceClassifier.Load(CheckpointPath.Resolve(parse.GetValue(checkpoint)!)),
            parse.GetValue(attention), context));
        return command;
    }

    /// <summary>Reads lines until the end of the input; returns the exit code.</summary>
    public static int Run(SequenceClassifier classifier, bool attention, CliContext context)
    {
        if (attention && classifier.Model.Options.Pooling != Sequences.PoolingKind.Attention)
            throw new ArgumentException($"--attention: the model pools by " +
                $"{classifier.Model.Options.Pooling.ToString().ToLowerInvariant()}, not attention");
        var inv = CultureInfo.InvariantCulture;
        int number = 0;
        while (context.In.ReadLine() is { } line)
        {
            number++;
            if (line.Trim().Length == 0) throw new InvalidDataException($"stdin:{number}: expected an input, got an " +
                "empty line");
            ClassPrediction p;
            try { p = classifier.ReadsText ? classifier.Predict(line) : classifier.Predict(Numbers(line, number)); }
            catch (ArgumentException e) { throw new InvalidDataException($"stdin:{number}: {e.Message}", e); }
            string weights = attention
                ? "\t" + string.Join(' ', p.AttentionWeights!.Select(w => w.ToString("F3", inv))) : "";
            context.Out.WriteLine($"{p.Label}\t{p.Probability.ToString("F4", inv)}{weights}");
        }
        return Program.Success;
    }

    private static float[] Numbers(string line, int number)
    {
        string[] fields = line.Split(',');
        var values = new float[fields.Length];
        for (int i = 0; i < fields.Length; i++)
            if (!float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])
                || !float.IsFinite(values[i]))
                throw new InvalidDataException($"stdin:{number}: value {i + 1}: expected a finite number, got " +
                    $"'{fields[i].Trim()}'");
        return values;
    }
}
