using Recurrent.Layers.Recurrent;

namespace Recurrent.Seq2Seq;

/// <summary>
/// Greedy and beam-search decoding over a batch of sources (docs/equations.md#beam-search). Greedy: each step appends
/// argmax_v z_v. Beam of width k: each source keeps the k best partial outputs by log-probability S = Σ log p; each
/// step extends every beam by every token and keeps the k best; an extension by &lt;/s&gt; finishes a hypothesis,
/// ranked by S / n^α (n its tokens, &lt;/s&gt; included; α = 0 no normalisation, α = 1 the mean). A source stops when
/// it has k finished hypotheses or at the maximum length, when its live beams finish as they are. Ties go to the lower
/// beam, then the lower token id, so width 1 is greedy exactly.
/// </summary>
internal static class BeamSearch
{
    /// <summary>Greedy outputs (token ids, without &lt;/s&gt;) of <paramref name="sources"/>, source i at most
    /// maxLengths[i] tokens long.</summary>
    public static int[][] Greedy<T>(Seq2SeqNetwork<T> network, IReadOnlyList<int[]> sources, int[] maxLengths)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = sources.Count;
        var states = network.BeginDecoding(sources, 1);
        var outputs = new List<int>[batch];
        var done = new bool[batch];
        var previous = new int[batch];
        for (int b = 0; b < batch; b++) (outputs[b], previous[b]) = ([], TokenVocabulary.Start);
        for (int step = 0; done.Contains(false); step++)
        {
            for (int b = 0; b < batch; b++) done[b] |= step >= maxLengths[b];
            var logits = network.DecodeStep(previous, states);
            for (int b = 0; b < batch; b++)
            {
                if (done[b]) continue;
                int best = ArgMax(logits.Row(b));
                if (best == TokenVocabulary.End) done[b] = true;
                else outputs[b].Add(best);
                previous[b] = best;
            }
        }
        return [.. outputs.Select(o => o.ToArray())];
    }

    /// <summary>Beam-search outputs (class summary) of <paramref name="sources"/>.</summary>
    public static int[][] Beam<T>(Seq2SeqNetwork<T> network, IReadOnlyList<int[]> sources, int width,
        int[] maxLengths, double lengthPenalty) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = sources.Count, rows = batch * width, v = network.Options.TargetVocabularySize;
        var states = network.BeginDecoding(sources, width);
        var scores = new double[rows];
        var tokens = new List<int>[rows];
        for (int r = 0; r < rows; r++)
        {
            tokens[r] = [];
            scores[r] = r % width == 0 ? 0 : double.NegativeInfinity; // one live beam per source at first
        }
        var finished = new List<(double Score, int[] Tokens)>[batch];
        for (int i = 0; i < batch; i++) finished[i] = [];
        var done = new bool[batch];
        var previous = new int[rows];
        Array.Fill(previous, TokenVocabulary.Start);
        var logProbabilities = new double[v];
        var parents = new int[rows];
        var nextTokens = new int[rows];
        var nextScores = new double[rows];
        var candidates = new List<(double Score, int Beam, int Token)>(width * (width + 1));
        for (int step = 0; done.Contains(false); step++)
        {
            for (int i = 0; i < batch; i++)
                if (!done[i] && step >= maxLengths[i]) // the maximum length: live beams finish as they are
                {
                    FinishLive(finished[i], scores, tokens, i, width, lengthPenalty);
                    done[i] = true;
                }
            if (!done.Contains(false)) break;
            var logits = network.DecodeStep(previous, states);
            for (int i = 0; i < batch; i++)
            {
                for (int j = 0; j < width; j++) (parents[i * width + j], nextTokens[i * width + j]) = (i * width, 0);
                Array.Fill(nextScores, double.NegativeInfinity, i * width, width);
                if (done[i]) continue;
                candidates.Clear();
                for (int j = 0; j < width; j++)
                {
                    int r = i * width + j;
                    if (double.IsNegativeInfinity(scores[r])) continue;
                    LogSoftmax(logits.Row(r), logProbabilities);
                    foreach (int token in TopTokens(logProbabilities, width + 1))
                        candidates.Add((scores[r] + logProbabilities[token], j, token));
                }
                candidates.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score)
                    : a.Beam != b.Beam ? a.Beam.CompareTo(b.Beam) : a.Token.CompareTo(b.Token));
                int kept = 0;
                foreach (var (score, beam, token) in candidates)
                {
                    if (kept == width || finished[i].Count >= width) break;
                    var history = tokens[i * width + beam];
                    if (token == TokenVocabulary.End)
                        finished[i].Add((Normalize(score, history.Count + 1, lengthPenalty), [.. history]));
                    else
                    {
                        int r = i * width + kept++;
                        (parents[r], nextTokens[r], nextScores[r]) = (i * width + beam, token, score);
                    }
                }
                if (finished[i].Count >= width) done[i] = true;
            }
            Reorder(states, parents);
            var grown = new List<int>[rows];
            for (int r = 0; r < rows; r++)
            {
                grown[r] = [.. tokens[parents[r]], nextTokens[r]];
                previous[r] = nextTokens[r];
            }
            tokens = grown;
            Array.Copy(nextScores, scores, rows);
        }
        var outputs = new int[batch][];
        for (int i = 0; i < batch; i++)
        {
            outputs[i] = finished[i].Count == 0 ? []
                : finished[i].Aggregate((a, b) => b.Score > a.Score ? b : a).Tokens; // first of equals
        }
        return outputs;
    }

    private static void FinishLive(List<(double Score, int[] Tokens)> finished, double[] scores, List<int>[] tokens,
        int source, int width, double lengthPenalty)
    {
        for (int j = 0; j < width; j++)
        {
            int r = source * width + j;
            if (!double.IsNegativeInfinity(scores[r]))
                finished.Add((Normalize(scores[r], tokens[r].Count, lengthPenalty), [.. tokens[r]]));
        }
    }

    private static double Normalize(double score, int length, double alpha) =>
        alpha == 0 ? score : score / Math.Pow(Math.Max(length, 1), alpha);

    /// <summary>States row r ← row parents[r], for every layer.</summary>
    private static void Reorder<T>(RecurrentState<T>[] states, int[] parents) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        foreach (var state in states)
        {
            var h = state.H.Clone();
            var c = state.C?.Clone();
            for (int r = 0; r < parents.Length; r++)
            {
                h.Row(parents[r]).CopyTo(state.H.Row(r));
                if (c is not null) c.Row(parents[r]).CopyTo(state.C!.Row(r));
            }
        }
    }

    /// <summary>The first index of the largest entry.</summary>
    internal static int ArgMax<T>(ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = 0;
        for (int i = 1; i < row.Length; i++)
            if (row[i] > row[best]) best = i;
        return best;
    }

    /// <summary>log softmax(z) in double.</summary>
    private static void LogSoftmax<T>(ReadOnlySpan<T> z, double[] destination) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < z.Length; i++) max = Math.Max(max, double.CreateChecked(z[i]));
        double sum = 0;
        for (int i = 0; i < z.Length; i++) sum += Math.Exp(double.CreateChecked(z[i]) - max);
        double lse = max + Math.Log(sum);
        for (int i = 0; i < z.Length; i++) destination[i] = double.CreateChecked(z[i]) - lse;
    }

    /// <summary>The <paramref name="count"/> best token ids, best first, lower ids first among equals.</summary>
    private static IEnumerable<int> TopTokens(double[] values, int count) =>
        Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).ThenBy(i => i).Take(count);
}
