namespace Recurrent.Sequences;

/// <summary>Where a <see cref="SequenceModel"/> answers.</summary>
public enum HeadKind
{
    /// <summary>One answer per sequence (many to one: classification, a forecast of the next values): (B, K).</summary>
    PerSequence,

    /// <summary>One answer per step (many to many: tagging, language models): (T, B, K).</summary>
    PerStep,
}
