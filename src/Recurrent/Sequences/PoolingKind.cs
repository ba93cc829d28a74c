namespace Recurrent.Sequences;

/// <summary>How a per-sequence head reduces the steps of a sequence to one row (only its valid steps count).</summary>
public enum PoolingKind
{
    /// <summary>The output at the last valid step (with two directions: each direction's final state).</summary>
    Last,

    /// <summary>The mean of the outputs over the valid steps.</summary>
    Mean,

    /// <summary>The largest output over the valid steps, per unit.</summary>
    Max,

    /// <summary>
    /// A weighted mean with weights learned from the outputs: α = softmax over the valid steps of y[t, b] · q, with a
    /// learned query q (parameter "pool.query").
    /// </summary>
    Attention,
}
