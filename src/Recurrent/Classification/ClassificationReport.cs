using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Recurrent.Classification;

/// <summary>
/// Accuracy, mean cross-entropy, per-class precision, recall and F1 and the confusion matrix of a classifier on
/// labelled sequences. With C[a, p] the sequences of class a predicted as p: precision_k = C[k, k] / Σ_a C[a, k],
/// recall_k = C[k, k] / Σ_p C[k, p], F1_k = 2 precision_k recall_k / (precision_k + recall_k), accuracy =
/// Σ_k C[k, k] / N, loss = −(1/N) Σ_n log P(y_n | x_n).
/// </summary>
public sealed class ClassificationReport
{
    private readonly int[,] _confusion;

    /// <summary>Counts the outcomes.</summary>
    /// <param name="classNames">Class id → name.</param>
    /// <param name="actual">The true class of each sequence.</param>
    /// <param name="predicted">The predicted class of each sequence.</param>
    /// <param name="loss">The mean cross-entropy over the sequences (nats).</param>
    public ClassificationReport(IReadOnlyList<string> classNames, ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted,
        double loss)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"expected one prediction per sequence ({actual.Length}), got " +
                $"{predicted.Length}");
        int k = classNames.Count;
        ClassNames = classNames.ToArray();
        _confusion = new int[k, k];
        for (int i = 0; i < actual.Length; i++)
        {
            if ((uint)actual[i] >= (uint)k || (uint)predicted[i] >= (uint)k)
                throw new ArgumentException($"sequence {i}: class ids must lie in [0, {k}), got {actual[i]} and " +
                    $"{predicted[i]}");
            _confusion[actual[i], predicted[i]]++;
        }
        Examples = actual.Length;
        Loss = loss;
        int correct = 0;
        for (int c = 0; c < k; c++) correct += _confusion[c, c];
        Accuracy = Examples == 0 ? 0 : (double)correct / Examples;
        PerClass = Enumerable.Range(0, k).Select(Metrics).ToArray();
    }

    /// <summary>Class id → name.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The fraction of sequences whose predicted class is the true one.</summary>
    public double Accuracy { get; }

    /// <summary>Mean cross-entropy −log P(y | x), nats.</summary>
    public double Loss { get; }

    /// <summary>Sequences scored.</summary>
    public int Examples { get; }

    /// <summary>Precision, recall, F1 and support of each class, in class id order.</summary>
    public IReadOnlyList<ClassMetrics> PerClass { get; }

    /// <summary>C[actual, predicted]: how many sequences of class a were predicted as p.</summary>
    public int Confusion(int actual, int predicted) => _confusion[actual, predicted];

    /// <summary>One JSON object: accuracy, loss, examples, per_class (class, precision, recall, f1, support) and
    /// confusion (rows: actual class, columns: predicted, class id order).</summary>
    public string ToJson()
    {
        int k = ClassNames.Count;
        var confusion = Enumerable.Range(0, k).Select(a => Enumerable.Range(0, k).Select(p => _confusion[a, p])
            .ToArray()).ToArray();
        return JsonSerializer.Serialize(new
        {
            accuracy = Accuracy, loss = Loss, examples = Examples,
            per_class = PerClass.Select(m => new
            {
                @class = m.Class, precision = m.Precision, recall = m.Recall, f1 = m.F1, support = m.Support,
            }),
            confusion,
        });
    }

    /// <summary>A plain-text report: the totals, a per-class table and the confusion matrix.</summary>
    public string ToText()
    {
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(string.Create(inv,
            $"accuracy {100 * Accuracy:F2}%  loss {Loss:F4}  over {Examples:N0} sequences"));
        int width = Math.Max(5, ClassNames.Max(n => n.Length));
        s.AppendLine($"{"class".PadRight(width)}  precision  recall      f1  support");
        foreach (var m in PerClass)
            s.AppendLine(string.Create(inv,
                $"{m.Class.PadRight(width)}  {m.Precision,9:F3}  {m.Recall,6:F3}  {m.F1,6:F3}  {m.Support,7}"));
        s.AppendLine("confusion matrix (rows: actual, columns: predicted, in the order above):");
        int cell = Math.Max(5, Examples.ToString(inv).Length + 1);
        for (int a = 0; a < ClassNames.Count; a++)
        {
            s.Append(ClassNames[a].PadRight(width));
            for (int p = 0; p < ClassNames.Count; p++) s.Append(_confusion[a, p].ToString(inv).PadLeft(cell));
            s.AppendLine();
        }
        return s.ToString();
    }

    private ClassMetrics Metrics(int c)
    {
        int k = ClassNames.Count, predictedAs = 0, support = 0;
        for (int i = 0; i < k; i++)
        {
            predictedAs += _confusion[i, c];
            support += _confusion[c, i];
        }
        double precision = predictedAs == 0 ? 0 : (double)_confusion[c, c] / predictedAs;
        double recall = support == 0 ? 0 : (double)_confusion[c, c] / support;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(ClassNames[c], precision, recall, f1, support);
    }
}
