namespace Recurrent.Data;

/// <summary>
/// Examples for classification: a row-major feature matrix (Count, FeatureCount) and one class index per row.
/// Features are kept in double and converted to the model's element type when a batch is formed.
/// </summary>
public sealed class ClassificationDataset
{
    /// <summary>Wraps features (count × featureCount, row-major) and labels in [0, classCount).</summary>
    public ClassificationDataset(double[] features, int[] labels, int featureCount, int classCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (featureCount <= 0) throw new ArgumentException($"feature count must be positive, got {featureCount}");
        if (classCount < 2)
            throw new ArgumentException($"a classification data set needs at least 2 classes, got {classCount}");
        if (features.Length != labels.Length * featureCount)
            throw new ArgumentException($"{labels.Length} labels need {labels.Length * featureCount} feature values " +
                $"({featureCount} each), got {features.Length}");
        foreach (int label in labels)
            if (label < 0 || label >= classCount)
                throw new ArgumentException($"label {label} is outside [0, {classCount})");
        Features = features;
        Labels = labels;
        FeatureCount = featureCount;
        ClassCount = classCount;
    }

    /// <summary>(Count, FeatureCount), row-major.</summary>
    public double[] Features { get; }

    /// <summary>Class index of each example.</summary>
    public int[] Labels { get; }

    /// <summary>Values per example.</summary>
    public int FeatureCount { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Number of examples.</summary>
    public int Count => Labels.Length;

    /// <summary>The examples at <paramref name="indices"/>, in that order, as a new data set.</summary>
    public ClassificationDataset Subset(IReadOnlyList<int> indices)
    {
        var features = new double[indices.Count * FeatureCount];
        var labels = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Array.Copy(Features, indices[i] * FeatureCount, features, i * FeatureCount, FeatureCount);
            labels[i] = Labels[indices[i]];
        }
        return new ClassificationDataset(features, labels, FeatureCount, ClassCount);
    }

    /// <summary>
    /// Splits into a training and a held-out test set, shuffling with <paramref name="rng"/>. Stratified: each
    /// class gives the same fraction to the test set, so a small test set still sees every class.
    /// </summary>
    public (ClassificationDataset Train, ClassificationDataset Test) Split(double testFraction, Random rng)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction),
                $"test fraction must lie strictly between 0 and 1, got {testFraction}");
        var train = new List<int>();
        var test = new List<int>();
        for (int c = 0; c < ClassCount; c++)
        {
            var members = Enumerable.Range(0, Count).Where(i => Labels[i] == c).ToArray();
            rng.Shuffle(members);
            int testCount = (int)Math.Round(members.Length * testFraction);
            test.AddRange(members.Take(testCount));
            train.AddRange(members.Skip(testCount));
        }
        var trainOrder = train.ToArray();
        var testOrder = test.ToArray();
        rng.Shuffle(trainOrder);
        rng.Shuffle(testOrder);
        return (Subset(trainOrder), Subset(testOrder));
    }

    /// <summary>Copies the examples at <paramref name="indices"/> into a (B, FeatureCount) tensor and their labels into
    /// <paramref name="labels"/>.</summary>
    public void FillBatch<T>(ReadOnlySpan<int> indices, Tensor<T> features, Span<int> labels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeCheck.Require(features, "batch features", "(B, F)", indices.Length, FeatureCount);
        for (int i = 0; i < indices.Length; i++)
        {
            var row = features.Row(i);
            int start = indices[i] * FeatureCount;
            for (int f = 0; f < FeatureCount; f++) row[f] = T.CreateChecked(Features[start + f]);
            labels[i] = Labels[indices[i]];
        }
    }
}
