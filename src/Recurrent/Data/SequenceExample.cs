namespace Recurrent.Data;

/// <summary>
/// One variable-length sequence and its target. The inputs are either features, an (L, F) row-major matrix of
/// floats, or token ids, L integers (characters of a text through a vocabulary). Arrays are kept by reference.
/// </summary>
public sealed class SequenceExample
{
    private SequenceExample(float[]? features, int[]? tokens, int length, int featureCount, SequenceTarget target,
        string? id)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (length < 1) throw new ArgumentException($"a sequence needs at least one step, got {length}");
        if (target.StepCount is int steps && steps != length)
            throw new ArgumentException($"a per-step target must cover the sequence's {length} steps, got {steps}");
        Features = features;
        Tokens = tokens;
        Length = length;
        FeatureCount = featureCount;
        Target = target;
        Id = id;
    }

    /// <summary>A sequence of features: <paramref name="features"/> is (L, F) row-major, F = <paramref
    /// name="featureCount"/>.</summary>
    /// <exception cref="ArgumentException">No steps, or a length that is not a multiple of F.</exception>
    public static SequenceExample FromFeatures(float[] features, int featureCount, SequenceTarget target,
        string? id = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (featureCount < 1)
            throw new ArgumentOutOfRangeException(nameof(featureCount),
                $"feature count must be ≥ 1, got {featureCount}");
        if (features.Length % featureCount != 0)
            throw new ArgumentException(
                $"features must be (L, {featureCount}) row-major, got {features.Length} values, not a multiple of " +
                    $"{featureCount}");
        return new(features, null, features.Length / featureCount, featureCount, target, id);
    }

    /// <summary>A sequence of token ids (each ≥ 0), e.g. the characters of a line through a vocabulary.</summary>
    public static SequenceExample FromTokens(int[] tokens, SequenceTarget target, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        foreach (int token in tokens)
            if (token < 0) throw new ArgumentOutOfRangeException(nameof(tokens), $"token ids must be ≥ 0, got {token}");
        return new(null, tokens, tokens.Length, 0, target, id);
    }

    /// <summary>(L, F) row-major features, or null for a token sequence.</summary>
    public float[]? Features { get; }

    /// <summary>(L) token ids, or null for a feature sequence.</summary>
    public int[]? Tokens { get; }

    /// <summary>L, the number of steps.</summary>
    public int Length { get; }

    /// <summary>F, the features per step; 0 for a token sequence.</summary>
    public int FeatureCount { get; }

    /// <summary>What the sequence is to predict.</summary>
    public SequenceTarget Target { get; }

    /// <summary>Where the sequence came from (its id column, line number or index), for messages; may be
    /// null.</summary>
    public string? Id { get; }

    /// <summary>This sequence with other features of the same shape (e.g. normalised), keeping target and id.</summary>
    internal SequenceExample WithFeatures(float[] features) => new(features, null, Length, FeatureCount, Target, Id);

    /// <inheritdoc/>
    public override string ToString() =>
        $"SequenceExample({Id ?? "?"}: {Length} steps × {(Tokens is null ? $"{FeatureCount} features" : "tokens")}, " +
            "{Target.Kind})";
}
