namespace Recurrent.Data;

/// <summary>
/// Variable-length sequences with their targets, all of one kind: every example has features of the same width F
/// (or token ids below <see cref="TokenCount"/>) and a target of the same <see cref="TargetKind"/> and width K.
/// Class ids index <see cref="ClassNames"/>. Batch it with <see cref="SequenceBatcher"/>.
/// </summary>
public sealed class SequenceDataset
{
    private readonly SequenceExample[] _examples;

    /// <summary>Checks that the examples agree with each other and wraps them (the list is copied, not the
    /// arrays).</summary>
    /// <param name="examples">At least one sequence.</param>
    /// <param name="classNames">Class id → name; required for class targets, every id must index it.</param>
    /// <param name="vocabulary">The characters behind token ids, when the inputs are text.</param>
    /// <param name="tokenCount">Distinct token ids (ids lie in [0, tokenCount)); by default the vocabulary's
    /// size.</param>
    /// <exception cref="ArgumentException">Mixed kinds or widths, a class id without a name, or a token id too
    /// large.</exception>
    public SequenceDataset(IEnumerable<SequenceExample> examples, IReadOnlyList<string>? classNames = null,
        CharVocabulary? vocabulary = null, int? tokenCount = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        _examples = examples.ToArray();
        if (_examples.Length == 0)
            throw new ArgumentException("a sequence data set needs at least one sequence, got none");
        var first = _examples[0];
        IsTokens = first.Tokens is not null;
        FeatureCount = first.FeatureCount;
        TargetKind = first.Target.Kind;
        TargetWidth = first.Target.Width;
        ClassNames = classNames?.ToArray() ?? [];
        Vocabulary = vocabulary;
        TokenCount = IsTokens ? tokenCount ?? vocabulary?.Count ?? _examples.Max(e => e.Tokens!.Max()) + 1 : 0;
        bool classes = TargetKind is SequenceTargetKind.Class or SequenceTargetKind.StepClasses;
        if (classes && ClassNames.Count == 0)
            throw new ArgumentException($"{TargetKind} targets need class names (class id → name), got none");
        for (int i = 0; i < _examples.Length; i++) Check(_examples[i], i, classes);
    }

    /// <summary>The sequences, in order.</summary>
    public IReadOnlyList<SequenceExample> Examples => _examples;

    /// <summary>Number of sequences.</summary>
    public int Count => _examples.Length;

    /// <summary>True when the inputs are token ids rather than feature vectors.</summary>
    public bool IsTokens { get; }

    /// <summary>F, features per step; 0 for token inputs.</summary>
    public int FeatureCount { get; }

    /// <summary>Token ids lie in [0, TokenCount); 0 for feature inputs.</summary>
    public int TokenCount { get; }

    /// <summary>The characters of token ids (id i is character i; an id equal to its Count is the unknown
    /// symbol).</summary>
    public CharVocabulary? Vocabulary { get; }

    /// <summary>What every sequence is to predict.</summary>
    public SequenceTargetKind TargetKind { get; }

    /// <summary>K, values per sequence or per step for value targets; 0 otherwise.</summary>
    public int TargetWidth { get; }

    /// <summary>Class id → name (empty without class targets).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of classes (the length of <see cref="ClassNames"/>).</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>The longest sequence's length.</summary>
    public int MaxLength => _examples.Max(e => e.Length);

    /// <summary>Each sequence's class id, −1 when targets are not one class per sequence.</summary>
    internal int[] SequenceClassIds() => _examples.Select(e => e.Target.ClassId).ToArray();

    /// <summary>The sequences at <paramref name="indices"/>, in that order, as a data set with the same classes and
    /// tokens.</summary>
    public SequenceDataset Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return new SequenceDataset(indices.Select(i => _examples[i]), ClassNames, Vocabulary,
            IsTokens ? TokenCount : null);
    }

    /// <summary>The same data set with other examples of the same kind (e.g. normalised copies).</summary>
    internal SequenceDataset With(IEnumerable<SequenceExample> examples) =>
        new(examples, ClassNames, Vocabulary, IsTokens ? TokenCount : null);

    /// <summary>
    /// Splits by sequence into training and validation sets, shuffled with <paramref name="rng"/>. About
    /// round(Count · fraction) sequences go to validation, at least one and never all (with two or more sequences).
    /// With <paramref name="stratify"/> and one class per sequence, each class gives its share (largest remainders),
    /// so a small validation set still sees every class. The same seed gives the same split.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A fraction outside (0, 1).</exception>
    /// <exception cref="InvalidOperationException">Fewer than two sequences.</exception>
    public (SequenceDataset Train, SequenceDataset Validation) Split(double validationFraction, Random rng,
        bool stratify = true)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var (train, validation) = SequenceSplit.Indices(
            stratify && TargetKind == SequenceTargetKind.Class ? SequenceClassIds() : null, Count, validationFraction,
                rng);
        return (Subset(train), Subset(validation));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"SequenceDataset({Count} sequences, {(IsTokens ? $"{TokenCount} tokens" : $"{FeatureCount} features")}, "
        + $"{TargetKind}{(ClassCount > 0 ? $" of {ClassCount} classes" : "")})";

    private void Check(SequenceExample e, int index, bool classes)
    {
        string what = $"sequence {index}{(e.Id is null ? "" : $" ('{e.Id}')")}";
        if ((e.Tokens is not null) != IsTokens)
            throw new ArgumentException($"{what}: expected {(IsTokens ? "token ids" : "features")} like sequence 0, " +
                "got " +
                "the other");
        if (e.FeatureCount != FeatureCount)
            throw new ArgumentException($"{what}: expected {FeatureCount} features per step like sequence 0, got " +
                $"{e.FeatureCount}");
        if (e.Target.Kind != TargetKind || e.Target.Width != TargetWidth)
            throw new ArgumentException(
                $"{what}: expected a {TargetKind} target of width {TargetWidth} like sequence 0, got {e.Target.Kind} " +
                    $"of width {e.Target.Width}");
        if (IsTokens)
            foreach (int token in e.Tokens!)
                if (token >= TokenCount)
                    throw new ArgumentException($"{what}: token id {token} is outside [0, {TokenCount})");
        if (!classes) return;
        ReadOnlySpan<int> ids = TargetKind == SequenceTargetKind.Class ? [e.Target.ClassId] : e.Target.StepClassIds;
        foreach (int id in ids)
            if (id >= ClassCount)
                throw new ArgumentException($"{what}: class id {id} is outside [0, {ClassCount}) (the class names)");
    }
}
