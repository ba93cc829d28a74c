namespace Recurrent.Classification;

/// <summary>
/// A naive Bayes classifier on the last letters of a text (the classic name → gender exercise): its features are
/// the suffixes s_1 … s_k of lengths 1 to k (lower-cased; a shorter text gives fewer), and it answers
/// argmax_c log P(c) + Σ_j log P(s_j | c), with P(c) the class frequency and P(s_j | c) = (n(s_j, c) + 1) /
/// (n(c) + |S_j| + 1), Laplace-smoothed over the |S_j| suffixes of length j seen in training (+1 for an unseen one).
/// </summary>
public sealed class SuffixNaiveBayes
{
    private readonly int _letters, _classes;
    private readonly double[] _logPrior;
    private readonly Dictionary<string, int>[][] _counts; // [length − 1][class]: suffix → count
    private readonly int[][] _totals;                     // [length − 1][class]: texts of the class with that suffix
    private readonly int[] _distinct;                     // [length − 1]: suffixes seen

    /// <summary>Counts the suffixes of the training texts.</summary>
    /// <param name="letters">k, the longest suffix (≥ 1).</param>
    /// <param name="training">Texts and their class ids in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">The number of classes.</param>
    public SuffixNaiveBayes(int letters, IEnumerable<(string Text, int ClassId)> training, int classCount)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (letters < 1) throw new ArgumentException($"letters: expected ≥ 1, got {letters}");
        if (classCount < 1) throw new ArgumentException($"classCount: expected ≥ 1, got {classCount}");
        _letters = letters;
        _classes = classCount;
        _counts = [.. Enumerable.Range(0, letters).Select(_ => Enumerable.Range(0, classCount)
            .Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray())];
        _totals = [.. Enumerable.Range(0, letters).Select(_ => new int[classCount])];
        var classCounts = new int[classCount];
        var seen = Enumerable.Range(0, letters).Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        foreach (var (text, c) in training)
        {
            classCounts[c]++;
            foreach (var (j, suffix) in Suffixes(text))
            {
                _counts[j][c][suffix] = _counts[j][c].GetValueOrDefault(suffix) + 1;
                _totals[j][c]++;
                seen[j].Add(suffix);
            }
        }
        int n = classCounts.Sum();
        if (n == 0) throw new ArgumentException("the baseline needs at least one training text, got none");
        _logPrior = [.. classCounts.Select(k => Math.Log((k + 1.0) / (n + classCount)))];
        _distinct = [.. seen.Select(s => s.Count)];
    }

    /// <summary>k, the longest suffix used.</summary>
    public int Letters => _letters;

    /// <summary>The most probable class of <paramref name="text"/> (the lowest id on ties).</summary>
    public int Predict(string text)
    {
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int c = 0; c < _classes; c++)
        {
            double score = _logPrior[c];
            foreach (var (j, suffix) in Suffixes(text))
                score += Math.Log((_counts[j][c].GetValueOrDefault(suffix) + 1.0) / (_totals[j][c] + _distinct[j] + 1));
            if (score > bestScore) (best, bestScore) = (c, score);
        }
        return best;
    }

    /// <summary>The fraction of <paramref name="test"/> it classifies correctly.</summary>
    public double Accuracy(IReadOnlyCollection<(string Text, int ClassId)> test) =>
        test.Count == 0 ? 0 : test.Count(e => Predict(e.Text) == e.ClassId) / (double)test.Count;

    private IEnumerable<(int Index, string Suffix)> Suffixes(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        for (int j = 0; j < _letters && j < t.Length; j++) yield return (j, t[^(j + 1)..]);
    }
}
