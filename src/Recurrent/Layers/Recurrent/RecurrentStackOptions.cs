using Recurrent.Parameters;

namespace Recurrent.Layers.Recurrent;

/// <summary>What a <see cref="RecurrentStack{T}"/> is made of; mirrors torch.nn.RNN/LSTM/GRU's arguments.</summary>
/// <param name="Cell">The cell of every layer and direction.</param>
/// <param name="InputSize">I, the width of x.</param>
/// <param name="HiddenSize">H of every layer and direction.</param>
/// <param name="NumLayers">L ≥ 1 (default 1).</param>
/// <param name="Bidirectional">Two directions per layer (D = 2); default false.</param>
/// <param name="Combine">How directions meet (default Concatenate, PyTorch's); layer l + 1 reads D·H values when
/// concatenating, H otherwise.</param>
/// <param name="Dropout">p of the dropout on every layer's output except the last (PyTorch's dropout); default
/// 0.</param>
/// <param name="Bias">Whether the cells have bias_ih and bias_hh; default true.</param>
/// <param name="Peepholes">LSTM peepholes (weight_ci, weight_cf, weight_co); default false.</param>
/// <param name="ForgetBiasOne">LSTM forget-gate bias starting at 1; default false.</param>
/// <param name="GruForm">Which GRU; default PyTorch's.</param>
/// <param name="RnnActivation">The RNN's g; default tanh.</param>
/// <param name="TruncationHorizon">k2 of every layer (see <see cref="RecurrentLayerOptions"/>); default none.</param>
/// <param name="RecordStepGradientNorms">Every layer records ‖∂C/∂h_s‖; default false.</param>
/// <param name="Prefix">Put before every parameter name, e.g. "rnn." gives "rnn.weight_ih_l0" as in a PyTorch model
/// whose submodule is called rnn; default "".</param>
public sealed record RecurrentStackOptions(
    CellKind Cell,
    int InputSize,
    int HiddenSize,
    int NumLayers = 1,
    bool Bidirectional = false,
    BidirectionalCombine Combine = BidirectionalCombine.Concatenate,
    double Dropout = 0,
    bool Bias = true,
    bool Peepholes = false,
    bool ForgetBiasOne = false,
    GruForm GruForm = GruForm.ResetAfterProduct,
    Activation RnnActivation = Activation.Tanh,
    int? TruncationHorizon = null,
    bool RecordStepGradientNorms = false,
    string Prefix = "")
{
    /// <summary>D: 2 when bidirectional, else 1.</summary>
    public int Directions => Bidirectional ? 2 : 1;

    /// <summary>The width of each layer's output: D·H when concatenating two directions, else H.</summary>
    public int OutputSize => Bidirectional && Combine == BidirectionalCombine.Concatenate ? 2 * HiddenSize : HiddenSize;

    /// <summary>The cell of layer <paramref name="layer"/>, direction <paramref name="direction"/>, named with
    /// PyTorch's suffix.</summary>
    internal RecurrentCell<T> CreateCell<T>(ParameterSet<T> parameters, int layer, int direction) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        int input = layer == 0 ? InputSize : OutputSize;
        string suffix = $"_l{layer}" + (direction == 1 ? "_reverse" : "");
        return Cell switch
        {
            CellKind.Rnn => new RnnCell<T>(parameters, input, HiddenSize, RnnActivation, Bias, suffix, Prefix),
            CellKind.Lstm => new LstmCell<T>(parameters, input, HiddenSize, Bias, Peepholes, ForgetBiasOne, suffix,
                Prefix),
            CellKind.Gru => new GruCell<T>(parameters, input, HiddenSize, Bias, GruForm, suffix, Prefix),
            _ => throw new ArgumentOutOfRangeException(nameof(Cell), Cell, "unknown cell kind"),
        };
    }

    /// <summary>Throws on sizes or options PyTorch would refuse.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(InputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(HiddenSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(NumLayers);
        if (!(Dropout >= 0 && Dropout < 1)) throw new ArgumentOutOfRangeException(nameof(Dropout),
            $"dropout must be in [0, 1), got {Dropout}");
        if (Peepholes && Cell != CellKind.Lstm) throw new ArgumentException($"peepholes need an LSTM, got {Cell}");
        if (ForgetBiasOne
            && Cell != CellKind.Lstm) throw new ArgumentException($"a forget bias needs an LSTM, got {Cell}");
    }
}
