namespace Recurrent.Training;

/// <summary>Counts of (actual class, predicted class) pairs, with the accuracy they imply.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    /// <summary>An empty matrix for <paramref name="classCount"/> classes.</summary>
    public ConfusionMatrix(int classCount)
    {
        ClassCount = classCount;
        _counts = new int[classCount, classCount];
    }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>How often class <paramref name="actual"/> was predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => _counts[actual, predicted];

    /// <summary>Total examples counted.</summary>
    public int Total { get; private set; }

    /// <summary>Examples on the diagonal.</summary>
    public int Correct { get; private set; }

    /// <summary>Correct / Total (0 when empty).</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>Counts one prediction.</summary>
    public void Add(int actual, int predicted)
    {
        _counts[actual, predicted]++;
        Total++;
        if (actual == predicted) Correct++;
    }
}
