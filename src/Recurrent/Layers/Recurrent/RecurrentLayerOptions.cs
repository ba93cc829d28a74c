namespace Recurrent.Layers.Recurrent;

/// <summary>Options of a <see cref="RecurrentLayer{T}"/>.</summary>
/// <param name="Reverse">
/// Run backward in time, within each sequence's own length: step s of sequence b reads x[L_b − 1 − s, b] and its
/// output lands at y[L_b − 1 − s, b], so padding stays at the end (the backward half of a bidirectional layer).
/// Default false.
/// </param>
/// <param name="TruncationHorizon">
/// k2, the backward horizon of truncated BPTT within a chunk; null (default) propagates through the whole chunk.
/// For a sequence of length L, the recurrent gradients ∂C/∂h and ∂C/∂c pass from step s back to step s − 1 only when
/// s ≥ L − k2 (s counted in the layer's own order). Every step's own output gradient still reaches its parameters and
/// inputs; the gradient of the cost at the last step reaches k2 earlier states. k2 = 0 keeps no recurrent gradient;
/// k2 ≥ L is full BPTT and lets gradient reach the initial state, which otherwise receives none.
/// </param>
/// <param name="RecordStepGradientNorms">
/// During Backward, record ‖∂C/∂h_s‖ (Frobenius over the batch's real rows) at every step s: the total gradient
/// reaching h_s from its own output and from later steps (as truncated by k2). Default false.
/// </param>
public sealed record RecurrentLayerOptions(bool Reverse = false, int? TruncationHorizon = null,
    bool RecordStepGradientNorms = false);
