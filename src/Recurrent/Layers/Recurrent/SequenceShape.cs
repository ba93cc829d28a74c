namespace Recurrent.Layers.Recurrent;

/// <summary>
/// The shapes of problem (docs/equations.md#bptt): which steps carry an input and which a cost. With variable lengths,
/// "the last step" is each sequence's own last real step t = L_b − 1. <see cref="SequenceShapes"/> builds the matching
/// inputs and cost masks.
/// </summary>
public enum SequenceShape
{
    /// <summary>Aligned many-to-many (MIMO): input and cost at every real step (a character language model).</summary>
    ManyToMany,

    /// <summary>Many-to-one: input at every real step, cost at the last real step only (classifying a
    /// sequence).</summary>
    ManyToOne,

    /// <summary>One-to-many (SIMO): input at step 0 only, zeros after (or, when generating, the previous output), cost
    /// at every real step.</summary>
    OneToMany,

    /// <summary>SISO, the unrolled one-input-one-output case: input at step 0 only, cost at the last real step
    /// only.</summary>
    OneInputOneOutput,
}
