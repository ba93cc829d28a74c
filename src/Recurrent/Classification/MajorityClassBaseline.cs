namespace Recurrent.Classification;

/// <summary>The simplest baseline: always answer the class most frequent in the training labels (the lowest id on
/// ties). Its accuracy is the share of that class, the bar any model must clear.</summary>
public sealed class MajorityClassBaseline
{
    /// <summary>Counts <paramref name="trainingLabels"/> (class ids in [0, <paramref name="classCount"/>)).</summary>
    public MajorityClassBaseline(IEnumerable<int> trainingLabels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(trainingLabels);
        var counts = new int[classCount];
        foreach (int label in trainingLabels) counts[label]++;
        if (counts.Sum() == 0) throw new ArgumentException("the baseline needs at least one training label, got none");
        ClassId = Array.IndexOf(counts, counts.Max());
    }

    /// <summary>The class it always answers.</summary>
    public int ClassId { get; }

    /// <summary>The fraction of <paramref name="labels"/> equal to <see cref="ClassId"/>.</summary>
    public double Accuracy(IReadOnlyCollection<int> labels) =>
        labels.Count == 0 ? 0 : labels.Count(l => l == ClassId) / (double)labels.Count;
}
