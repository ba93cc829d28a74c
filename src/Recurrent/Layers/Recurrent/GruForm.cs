namespace Recurrent.Layers.Recurrent;

/// <summary>Where a <see cref="GruCell{T}"/> applies its reset gate r; both keep PyTorch's z: h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}.</summary>
public enum GruForm
{
    /// <summary>PyTorch and cuDNN: n = tanh(W_in x + b_in + r ⊙ (W_hn h_{t−1} + b_hn)).</summary>
    ResetAfterProduct,

    /// <summary>
    /// SPEC §4 (Cho et al.; ONNX's linear_before_reset = 0): n = tanh(W_in x + b_in + W_hn (r ⊙ h_{t−1}) + b_hn).
    /// SPEC writes h_t = (1 − z′) ⊙ h_{t−1} + z′ ⊙ h̃ with z′ = 1 − z = σ(−a_z): the same model with z's weights negated.
    /// </summary>
    ResetBeforeProduct,
}
