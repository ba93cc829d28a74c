namespace Recurrent.Training;

/// <summary>
/// Picks the next character index from a row of logits z (length V), by the options given at construction:
/// <code>
/// argmax:   i = argmaxᵢ zᵢ (the first, on ties)
/// sampling: pᵢ ∝ exp((zᵢ − max z) / temperature)
///           top-k: keep the k largest pᵢ;  top-p: of those, keep the fewest largest whose sum ≥ P·(their total)
///           draw i with probability pᵢ / Σ kept p, from one uniform u of the caller's Random
/// </code>
/// Top-k is applied before top-p, as in common implementations. Buffers are sized to V once, so a call
/// allocates nothing. Not thread-safe: one sampler per generating thread.
/// </summary>
public sealed class Sampler
{
    private readonly double[] _probabilities; // (V) unnormalised pᵢ
    private readonly double[] _sortKeys;      // (V) −pᵢ, sorted ascending = pᵢ descending
    private readonly int[] _order;            // (V) indices sorted with _sortKeys

    /// <summary>A sampler for <paramref name="vocabularySize"/> logits per call.</summary>
    /// <exception cref="ArgumentOutOfRangeException">V &lt; 1, temperature not &gt; 0 and finite, top-k negative, or
    /// top-p outside (0, 1].</exception>
    public Sampler(int vocabularySize, SamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (vocabularySize < 1)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize),
                $"vocabulary size must be at least 1, got {vocabularySize}");
        if (!(options.Temperature > 0 && double.IsFinite(options.Temperature)))
            throw new ArgumentOutOfRangeException(nameof(options),
                $"temperature must be a finite number > 0, got {options.Temperature} (use argmax for greedy decoding)");
        if (options.TopK < 0)
            throw new ArgumentOutOfRangeException(nameof(options),
                $"top-k must be 0 (off) or positive, got {options.TopK}");
        if (!(options.TopP > 0 && options.TopP <= 1))
            throw new ArgumentOutOfRangeException(nameof(options),
                $"top-p must lie in (0, 1] (1 is off), got {options.TopP}");
        VocabularySize = vocabularySize;
        Options = options;
        _probabilities = new double[vocabularySize];
        _sortKeys = new double[vocabularySize];
        _order = new int[vocabularySize];
    }

    /// <summary>Logits per call, V.</summary>
    public int VocabularySize { get; }

    /// <summary>The options every call uses.</summary>
    public SamplingOptions Options { get; }

    /// <summary>The index of the next character, drawn with <paramref name="rng"/> (which argmax does not
    /// touch).</summary>
    /// <exception cref="ArgumentException">Logits of another length, or a NaN logit.</exception>
    public int Sample<T>(ReadOnlySpan<T> logits, Random rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (logits.Length != VocabularySize)
            throw new ArgumentException($"expected {VocabularySize} logits, got {logits.Length}", nameof(logits));
        int best = ArgMax(logits);
        if (Options.ArgMax) return best;

        double max = double.CreateTruncating(logits[best]);
        if (double.IsInfinity(max)) return best; // all mass on an infinite logit, or none anywhere
        double inverseTemperature = 1 / Options.Temperature;
        var p = _probabilities.AsSpan();
        for (int i = 0; i < p.Length; i++)
            p[i] = Math.Exp((double.CreateTruncating(logits[i]) - max) * inverseTemperature);

        bool truncate = (Options.TopK > 0 && Options.TopK < p.Length) || Options.TopP < 1;
        return truncate ? DrawTruncated(p, rng) : Draw(p, rng);
    }

    /// <summary>The index of the largest logit (the first, on ties).</summary>
    /// <exception cref="ArgumentException">Empty logits, or a NaN.</exception>
    public static int ArgMax<T>(ReadOnlySpan<T> logits) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (logits.IsEmpty) throw new ArgumentException("cannot pick from zero logits", nameof(logits));
        int best = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            if (T.IsNaN(logits[i]))
                throw new ArgumentException($"logit {i} is NaN: the model has diverged", nameof(logits));
            if (logits[i] > logits[best]) best = i;
        }
        return best;
    }

    /// <summary>Draws i with probability p[i] / Σp, walking the indices in order.</summary>
    private static int Draw(ReadOnlySpan<double> p, Random rng)
    {
        double total = 0;
        foreach (double value in p) total += value;
        double u = rng.NextDouble() * total;
        int last = 0;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] <= 0) continue;
            last = i;
            u -= p[i];
            if (u < 0) return i;
        }
        return last; // rounding left u a hair above zero: the last index with mass
    }

    /// <summary>Draws among the top-k, then the nucleus, in descending order of probability.</summary>
    private int DrawTruncated(ReadOnlySpan<double> p, Random rng)
    {
        var keys = _sortKeys.AsSpan();
        var order = _order.AsSpan();
        for (int i = 0; i < p.Length; i++)
        {
            keys[i] = -p[i];
            order[i] = i;
        }
        keys.Sort(order);

        int kept = Options.TopK > 0 ? Math.Min(Options.TopK, p.Length) : p.Length;
        double total = 0;
        for (int r = 0; r < kept; r++) total += p[order[r]];
        if (Options.TopP < 1)
        {
            double threshold = Options.TopP * total, cumulative = 0;
            int nucleus = 0;
            while (nucleus < kept)
            {
                cumulative += p[order[nucleus++]];
                if (cumulative >= threshold) break;
            }
            kept = nucleus;
            total = cumulative;
        }

        double u = rng.NextDouble() * total;
        for (int r = 0; r < kept; r++)
        {
            u -= p[order[r]];
            if (u < 0) return order[r];
        }
        return order[kept - 1];
    }
}
