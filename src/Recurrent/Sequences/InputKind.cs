namespace Recurrent.Sequences;

/// <summary>What a <see cref="SequenceModel"/> reads at each step.</summary>
public enum InputKind
{
    /// <summary>F float features per step: x (T, B, F), time-major.</summary>
    Features,

    /// <summary>Token ids in [0, V) per step, fed one-hot or through an embedding: ids (T·B), time-major.</summary>
    Tokens,
}
