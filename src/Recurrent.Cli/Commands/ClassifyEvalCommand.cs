using System.CommandLine;
using System.Globalization;
using Recurrent.Classification;
using Recurrent.Data;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent classify eval</c>: accuracy, loss, per-class precision/recall/F1 and the confusion matrix of a trained
/// classifier on labelled data; <c>--baselines TRAIN</c> adds the majority class and, for text, last-1/2/3-letter
/// naive Bayes fitted on TRAIN.
/// </summary>
public static class ClassifyEvalCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint = new Option<string>("--checkpoint")
        {
            Description = "A classifier file, or a classify train --out folder (its best.safetensors)", Required = true,
        };
        var test = new ClassifyInputs("--data", "test data", "--images", "--labels");
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object {accuracy, loss, examples, per_class, confusion[, baselines]}",
        };
        var baselines = new Option<string?>("--baselines")
        {
            Description =
                "Training data (.tsv/.csv) to fit the baselines on: majority class, and for text last-1/2/3 " +
                "letter naive Bayes",
        };
        var baselineImages = new Option<string?>("--baseline-images") { Description = "IDX images for --baselines" };
        var baselineLabels = new Option<string?>("--baseline-labels") { Description = "IDX labels for --baselines" };
        var command = new Command("eval", "Score a sequence classifier on labelled data") { checkpoint };
        test.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(baselines);
        command.Options.Add(baselineImages);
        command.Options.Add(baselineLabels);
        command.SetAction(parse =>
        {
            var classifier = SequenceClassifier.Load(CheckpointPath.Resolve(parse.GetValue(checkpoint)!));
            var data = test.Read(parse, null, classifier);
            SequenceDataset? train = null;
            if (parse.GetValue(baselines) is { } path) train = ClassificationData.Read(path, classifier);
            else if (parse.GetValue(baselineImages) is { } images)
                train = ClassificationData.ReadIdx(images, parse.GetValue(baselineLabels)
                    ?? throw new ArgumentException("--baseline-images needs --baseline-labels"), null, classifier);
            return Run(classifier, data, train, parse.GetValue(json), context);
        });
        return command;
    }

    /// <summary>Evaluates and prints; returns the exit code.</summary>
    public static int Run(SequenceClassifier classifier, SequenceDataset test, SequenceDataset? train, bool json,
        CliContext context)
    {
        if (test.TargetKind != SequenceTargetKind.Class) throw new ArgumentException("the test data has no labels");
        var report = classifier.Evaluate(test);
        var baselines = train is null ? [] : Baselines(train, test);
        if (json)
        {
            string text = report.ToJson();
            if (baselines.Count > 0)
                text = text[..^1] + ",\"baselines\":" + System.Text.Json.JsonSerializer.Serialize(
                    baselines.ToDictionary(b => b.Name, b => b.Accuracy)) + "}";
            context.Out.WriteLine(text);
            return Program.Success;
        }
        context.Out.Write(report.ToText());
        if (baselines.Count > 0)
        {
            context.Out.WriteLine("baselines (fitted on the training data, scored on the same test data):");
            foreach (var (name, accuracy) in baselines)
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name,-26} {100 * accuracy:F2}%"));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {"this model",-26} {100 * report.Accuracy:F2}%"));
        }
        return Program.Success;
    }

    /// <summary>Majority class, and for text the suffix naive Bayes of 1, 2 and 3 letters.</summary>
    private static List<(string Name, double Accuracy)> Baselines(SequenceDataset train, SequenceDataset test)
    {
        int[] testLabels = [.. test.Examples.Select(e => e.Target.ClassId)];
        var result = new List<(string, double)>
        {
            ("majority class", new MajorityClassBaseline(train.Examples.Select(e => e.Target.ClassId),
                train.ClassCount).Accuracy(testLabels)),
        };
        if (!train.IsTokens || train.Vocabulary is null) return result;
        var trainTexts = Texts(train);
        var testTexts = Texts(test);
        foreach (int letters in new[] { 1, 2, 3 })
            result.Add(($"last-{letters}-letter naive Bayes",
                new SuffixNaiveBayes(letters, trainTexts, train.ClassCount).Accuracy(testTexts)));
        return result;
    }

    private static List<(string Text, int ClassId)> Texts(SequenceDataset data) =>
        [.. data.Examples.Select(e => (data.Vocabulary!.Decode(e.Tokens), e.Target.ClassId))];
}
