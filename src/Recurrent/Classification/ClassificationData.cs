using System.Globalization;
using Recurrent.Data;

namespace Recurrent.Classification;

/// <summary>
/// Reads labelled sequences for a <see cref="SequenceClassifier"/>, the reader chosen by the file type:
/// <list type="bullet">
/// <item><c>.tsv</c> (or <c>.txt</c>): lines <c>label&lt;TAB&gt;text</c>, the text's characters one step each;</item>
/// <item><c>.csv</c>: a header, then one row per step with the columns sequence id, step order, features…, label
/// (rows of a sequence together, the step column increasing within it);</item>
/// <item>IDX image and label files (<see cref="ReadIdx"/>): each image a sequence of its rows.</item>
/// </list>
/// Given a classifier, the file is read with its class names (an unknown label is an error) and vocabulary
/// (unknown characters are left out); otherwise the names and vocabulary come from the file (training data).
/// </summary>
public static class ClassificationData
{
    /// <summary>Reads <paramref name="path"/> by its extension (class summary).</summary>
    /// <exception cref="InvalidDataException">A malformed file; the message names the line and what was
    /// wrong.</exception>
    public static SequenceDataset Read(string path, SequenceClassifier? classifier = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"data file '{path}' not found", path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".tsv" or ".txt" => ReadText(path, classifier),
            ".csv" => ReadCsv(path, classifier),
            _ => throw new InvalidDataException($"'{path}': expected a .tsv (label<TAB>text) or .csv (id, step, " +
                $"features…, label) file, got '{extension}' (IDX files go through --images/--labels)"),
        };
    }

    /// <summary>IDX images as sequences of rows (28 steps of 28 pixels in [0, 1] for Fashion-MNIST) with their
    /// labels; class names from <paramref name="classNames"/>, the classifier, or the label numbers.</summary>
    public static SequenceDataset ReadIdx(string images, string labels, IReadOnlyList<string>? classNames = null,
        SequenceClassifier? classifier = null, int? limit = null) =>
        IdxSequenceReader.ReadImagesAsRows(images, labels, limit, classifier?.ClassNames ?? classNames);

    /// <summary>
    /// Augments images read as rows (<see cref="ReadIdx"/>) with their mirror images: the data followed by every
    /// sequence with each step's features reversed, x′[t, f] = x[t, F − 1 − f] (the picture flipped left to right),
    /// same label. Clothes look the same either way round, so this doubles the training images (apply it to the
    /// training part only, after splitting off validation).
    /// </summary>
    /// <exception cref="ArgumentException">The data is text, not feature rows.</exception>
    public static SequenceDataset WithMirroredRows(SequenceDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.IsTokens) throw new ArgumentException("mirroring flips the features of each step; the data is text");
        int f = data.FeatureCount;
        var mirrored = data.Examples.Select(e =>
        {
            var x = (float[])e.Features!.Clone();
            for (int t = 0; t < e.Length; t++) x.AsSpan(t * f, f).Reverse();
            return SequenceExample.FromFeatures(x, f, e.Target, e.Id is null ? null : e.Id + "/mirrored");
        });
        return new SequenceDataset(data.Examples.Concat(mirrored).ToArray(), data.ClassNames);
    }

    private static SequenceDataset ReadText(string path, SequenceClassifier? classifier)
    {
        if (classifier is not null && !classifier.ReadsText)
            throw new InvalidDataException($"'{path}' is text, but the classifier reads features");
        return TextSequenceReader.Read(path, new TextSequenceOptions
        {
            ClassNames = classifier?.ClassNames,
            Vocabulary = classifier?.Vocabulary,
            UnknownSymbols = classifier is null ? UnknownSymbolPolicy.Error : UnknownSymbolPolicy.Skip,
        });
    }

    private static SequenceDataset ReadCsv(string path, SequenceClassifier? classifier)
    {
        if (classifier is not null && classifier.ReadsText)
            throw new InvalidDataException($"'{path}' holds features, but the classifier reads text");
        string[] header = (File.ReadLines(path).FirstOrDefault() ?? "").Split(',').Select(h => h.Trim()).ToArray();
        if (header.Length < 4)
            throw new InvalidDataException($"{path}:1:1: expected a header of at least 4 columns (sequence id, step " +
                $"order, features…, label), got {header.Length}");
        var data = StepCsvReader.Read(path, new StepCsvOptions
        {
            IdColumn = header[0], FeatureColumns = header[2..^1], TargetColumn = header[^1],
            TargetKind = SequenceTargetKind.Class, ClassNames = classifier?.ClassNames,
        });
        CheckStepOrder(path);
        return data;
    }

    /// <summary>Within each sequence the step column (the second) must increase, so rows are in time
    /// order.</summary>
    private static void CheckStepOrder(string path)
    {
        string? id = null;
        double previous = double.NegativeInfinity;
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (number++ == 0 || line.Trim().Length == 0) continue;
            string[] fields = line.Split(',');
            if (!double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double step))
                throw new InvalidDataException($"{path}:{number}: expected a number in the step column, got " +
                    $"'{fields[1].Trim()}'");
            if (fields[0] == id && !(step > previous))
                throw new InvalidDataException($"{path}:{number}: sequence '{id}': expected the step to increase " +
                    $"(rows in time order), got {step} after {previous}");
            (id, previous) = (fields[0], step);
        }
    }
}
