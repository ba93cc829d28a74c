namespace Recurrent.Data;

/// <summary>What a <see cref="SequenceExample"/> is to predict; every example of a data set has the same
/// kind.</summary>
public enum SequenceTargetKind
{
    /// <summary>No target (a series to forecast from itself, or data to predict on).</summary>
    None,

    /// <summary>One class id per sequence (sequence classification).</summary>
    Class,

    /// <summary>One vector of K values per sequence (sequence regression).</summary>
    Values,

    /// <summary>One class id per step, L ids (tagging).</summary>
    StepClasses,

    /// <summary>One vector of K values per step, an (L, K) matrix (per-step regression).</summary>
    StepValues,
}
