namespace Recurrent.Layers.Recurrent;

/// <summary>The cell a <see cref="RecurrentStack{T}"/> runs in every layer and direction (torch.nn.RNN, LSTM,
/// GRU).</summary>
public enum CellKind
{
    /// <summary>Elman RNN, <see cref="RnnCell{T}"/>: h_t = g(x W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh).</summary>
    Rnn,

    /// <summary><see cref="LstmCell{T}"/>, gates i|f|g|o, optional peepholes.</summary>
    Lstm,

    /// <summary><see cref="GruCell{T}"/>, gates r|z|n, in either <see cref="GruForm"/>.</summary>
    Gru,
}
