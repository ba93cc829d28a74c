namespace Recurrent.Seq2Seq;

/// <summary>How a decoder looks back at the encoder's outputs (docs/equations.md#attention).</summary>
public enum AttentionKind
{
    /// <summary>No attention: the encoder reaches the decoder only through its final state (the plain context-vector
    /// encoder–decoder).</summary>
    None,

    /// <summary>Additive (Bahdanau): e = vᵀ tanh(W q + U k).</summary>
    Bahdanau,

    /// <summary>Multiplicative, dot (Luong): e = qᵀ k; needs the query and key sizes equal.</summary>
    LuongDot,

    /// <summary>Multiplicative, general (Luong): e = qᵀ W k.</summary>
    LuongGeneral,
}
