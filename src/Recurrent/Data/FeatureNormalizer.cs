namespace Recurrent.Data;

/// <summary>
/// Per-feature standardisation, x′ = (x − mean) / std, fitted on a training split and applied to any split; the
/// inverse maps a model's outputs (a forecast) back to the data's units. A constant feature (std 0, or below
/// 1e-12 of its scale) gets std 1, so it maps to 0 rather than NaN. Stored as a plain dictionary of named float
/// arrays ("normalization.mean", "normalization.std") that a model file can carry.
/// </summary>
public sealed class FeatureNormalizer
{
    /// <summary>The default prefix of the dictionary keys.</summary>
    public const string DefaultPrefix = "normalization";

    private readonly float[] _mean;
    private readonly float[] _std;

    /// <summary>A normaliser with these statistics (copied); every std must be positive and finite.</summary>
    /// <exception cref="ArgumentException">Lengths differ or are 0, a non-finite mean, or a std that is not
    /// positive.</exception>
    public FeatureNormalizer(ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        if (mean.Length == 0 || mean.Length != std.Length)
            throw new ArgumentException($"mean and std must have one entry per feature, got {mean.Length} and " +
                $"{std.Length}");
        for (int f = 0; f < mean.Length; f++)
        {
            if (!float.IsFinite(mean[f]))
                throw new ArgumentException($"mean of feature {f} must be finite, got {mean[f]}");
            if (!(std[f] > 0) || !float.IsFinite(std[f]))
                throw new ArgumentException($"std of feature {f} must be positive and finite, got {std[f]}");
        }
        _mean = mean.ToArray();
        _std = std.ToArray();
    }

    /// <summary>Per-feature means.</summary>
    public IReadOnlyList<float> Mean => _mean;

    /// <summary>Per-feature standard deviations (population, divisor N; 1 for a constant feature).</summary>
    public IReadOnlyList<float> Std => _std;

    /// <summary>F, the number of features.</summary>
    public int FeatureCount => _mean.Length;

    /// <summary>Fits mean and std of every feature over all steps of all sequences of <paramref
    /// name="training"/>.</summary>
    /// <exception cref="ArgumentException">A data set of token ids (there are no features to scale).</exception>
    public static FeatureNormalizer Fit(SequenceDataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.IsTokens)
            throw new ArgumentException("cannot normalise token ids: expected a data set of features");
        return FitRows(training.Examples.Select(e => e.Features!), training.FeatureCount);
    }

    /// <summary>Fits per-column statistics of row-major matrices with <paramref name="width"/> columns.</summary>
    public static FeatureNormalizer FitRows(IEnumerable<float[]> matrices, int width)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), $"width must be ≥ 1, got {width}");
        var sum = new double[width];
        var sumSquares = new double[width];
        long rows = 0;
        // Two passes in double: the mean first, then squared deviations, which stays accurate for large offsets.
        foreach (var m in matrices)
        {
            for (int i = 0; i < m.Length; i++) sum[i % width] += m[i];
            rows += m.Length / width;
        }
        if (rows == 0) throw new ArgumentException("cannot fit a normaliser on no rows");
        var mean = sum.Select(s => s / rows).ToArray();
        foreach (var m in matrices)
            for (int i = 0; i < m.Length; i++)
            {
                double d = m[i] - mean[i % width];
                sumSquares[i % width] += d * d;
            }
        var std = new float[width];
        for (int f = 0; f < width; f++)
        {
            double s = Math.Sqrt(sumSquares[f] / rows);
            std[f] = s > 1e-12 * Math.Max(1, Math.Abs(mean[f])) && float.IsFinite((float)s) ? (float)s : 1f;
        }
        return new FeatureNormalizer(mean.Select(m => (float)m).ToArray(), std);
    }

    /// <summary>Scales rows of F features in place: x′ = (x − mean) / std.</summary>
    public void Normalize(Span<float> rows)
    {
        CheckRows(rows.Length);
        for (int i = 0; i < rows.Length; i++) rows[i] = (rows[i] - _mean[i % _mean.Length]) / _std[i % _mean.Length];
    }

    /// <summary>Inverts <see cref="Normalize"/> in place: x = x′ · std + mean, e.g. for a forecast.</summary>
    public void Denormalize(Span<float> rows)
    {
        CheckRows(rows.Length);
        for (int i = 0; i < rows.Length; i++) rows[i] = rows[i] * _std[i % _mean.Length] + _mean[i % _mean.Length];
    }

    /// <summary>A copy of <paramref name="data"/> with normalised features (the source is left as it was).</summary>
    public SequenceDataset Apply(SequenceDataset data) => Map(data, Normalize);

    /// <summary>A copy of <paramref name="data"/> with the normalisation undone.</summary>
    public SequenceDataset Invert(SequenceDataset data) => Map(data, Denormalize);

    /// <summary>The statistics as named arrays: "{prefix}.mean" and "{prefix}.std", each of length F
    /// (copies).</summary>
    public Dictionary<string, float[]> ToDictionary(string prefix = DefaultPrefix) => new()
    {
        [$"{prefix}.mean"] = (float[])_mean.Clone(),
        [$"{prefix}.std"] = (float[])_std.Clone(),
    };

    /// <summary>Reads the statistics written by <see cref="ToDictionary"/>.</summary>
    /// <exception cref="KeyNotFoundException">An entry is missing (the message lists the keys present).</exception>
    public static FeatureNormalizer FromDictionary(IReadOnlyDictionary<string, float[]> tensors,
        string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        return new FeatureNormalizer(Get(tensors, $"{prefix}.mean"), Get(tensors, $"{prefix}.std"));
    }

    private static float[] Get(IReadOnlyDictionary<string, float[]> tensors, string key) =>
        tensors.TryGetValue(key, out var value) ? value
            : throw new KeyNotFoundException(
                $"expected an entry '{key}', got only " +
                    $"[{string.Join(", ", tensors.Keys.Order(StringComparer.Ordinal))}]");

    private SequenceDataset Map(SequenceDataset data, SpanAction map)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.IsTokens || data.FeatureCount != FeatureCount)
            throw new ArgumentException(
                $"expected a data set of {FeatureCount} features per step, got " +
                    $"{(data.IsTokens ? "token ids" : data.FeatureCount)}");
        return data.With(data.Examples.Select(e =>
        {
            var copy = (float[])e.Features!.Clone();
            map(copy);
            return e.WithFeatures(copy);
        }));
    }

    private delegate void SpanAction(Span<float> rows);

    private void CheckRows(int length)
    {
        if (length % _mean.Length != 0)
            throw new ArgumentException($"expected rows of {_mean.Length} features, got {length} values, not a " +
                $"multiple of it");
    }
}
