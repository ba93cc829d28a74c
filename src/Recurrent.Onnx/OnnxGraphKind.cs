namespace Recurrent.Onnx;

/// <summary>Which graph <see cref="OnnxExport"/> writes.</summary>
public enum OnnxGraphKind
{
    /// <summary>
    /// Whole sequences: tokens (steps, batch) int64 or features (steps, batch, F) float, for a per-sequence head also
    /// lengths (batch) int32, and h0 (c0) (L·D, batch, H) → outputs (steps, batch, K) per step or (batch, K) per
    /// sequence, hn (cn). steps and batch are dynamic.
    /// </summary>
    Sequence,

    /// <summary>
    /// One time step for generation and streaming: token (batch) int64 or features (batch, F), h0 (c0) → outputs
    /// (batch, K), hn (cn); feed hn (cn) back as the next step's h0 (c0). Forward-only models whose head reads the
    /// current step (a per-step head, or a per-sequence head pooling the last step).
    /// </summary>
    Step,
}
