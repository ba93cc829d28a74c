namespace Recurrent.Seq2Seq;

/// <summary>
/// Word and phoneme (token) error rates over distinct sources, each with every reference it has in the data:
/// <code>
/// WER = |{ sources whose output equals none of their references }| / |sources|
/// PER = Σ_s min_r d(output_s, r) / Σ_s |r*_s|,  r*_s the closest reference (the shortest among equals)
/// </code>
/// with d the Levenshtein distance over target tokens (unit costs for insertion, deletion and substitution).
/// </summary>
public static class Seq2SeqMetrics
{
    /// <summary>Decodes every distinct source of <paramref name="pairs"/> and scores it (class summary).</summary>
    public static Seq2SeqEvaluation Evaluate(Seq2SeqModel model, IReadOnlyList<Seq2SeqPair> pairs,
        Seq2SeqDecodingOptions? decoding = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pairs);
        var references = GroupReferences(pairs);
        var sources = references.Keys.ToArray();
        var outputs = model.Decode(sources, decoding);
        return Score(sources, outputs, references, model.TargetVocabulary.Unit);
    }

    /// <summary>Sources in first-seen order with their references.</summary>
    public static Dictionary<string, List<string>> GroupReferences(IEnumerable<Seq2SeqPair> pairs)
    {
        var references = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            if (!references.TryGetValue(pair.Source, out var list)) references[pair.Source] = list = [];
            list.Add(pair.Target);
        }
        return references;
    }

    /// <summary>Scores given outputs (class summary).</summary>
    public static Seq2SeqEvaluation Score(IReadOnlyList<string> sources, IReadOnlyList<string> outputs,
        IReadOnlyDictionary<string, List<string>> references, TokenUnit unit)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(references);
        int wrong = 0;
        long distance = 0, length = 0;
        var errors = new List<Seq2SeqError>();
        for (int i = 0; i < sources.Count; i++)
        {
            var output = TokenVocabulary.Split(outputs[i], unit);
            int best = int.MaxValue, bestLength = 0;
            foreach (var reference in references[sources[i]])
            {
                var tokens = TokenVocabulary.Split(reference, unit);
                int d = EditDistance(output, tokens);
                if (d < best || (d == best && tokens.Length < bestLength)) (best, bestLength) = (d, tokens.Length);
            }
            distance += best;
            length += bestLength;
            if (best != 0)
            {
                wrong++;
                errors.Add(new Seq2SeqError(sources[i], outputs[i], references[sources[i]]));
            }
        }
        int n = sources.Count;
        return new Seq2SeqEvaluation(n == 0 ? 0 : (double)wrong / n, length == 0 ? 0 : (double)distance / length, n,
            errors);
    }

    /// <summary>The Levenshtein distance between two token sequences.</summary>
    public static int EditDistance(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (int j = 0; j <= b.Count; j++) previous[j] = j;
        for (int i = 1; i <= a.Count; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Count; j++)
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1),
                    previous[j - 1] + (string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Count];
    }
}
