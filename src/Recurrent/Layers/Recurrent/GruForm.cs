namespace Recurrent.Layers.Recurrent;

/// <summary>Which GRU a <see cref="GruCell{T}"/> computes: where the reset gate r is applied, and which of z and 1 − z
/// keeps the old state.</summary>
public enum GruForm
{
    /// <summary>PyTorch and cuDNN: n = tanh(W_in x + b_in + r ⊙ (W_hn h_{t−1} + b_hn)), h_t = (1 − z) ⊙ n + z ⊙
    /// h_{t−1}.</summary>
    ResetAfterProduct,

    /// <summary>
    /// The course's form (Cho et al., docs/equations.md#gru): h̃_t = n = tanh(W_in x + b_in + W_hn (r ⊙ h_{t−1}) +
    /// b_hn), h_t = (1 − z_t) ⊙ h_{t−1} + z_t ⊙ h̃_t. Same parameter names and shapes as PyTorch's form, but not its
    /// values: a PyTorch GRU checkpoint loaded into this form computes a different function.
    /// </summary>
    ResetBeforeProduct,
}
