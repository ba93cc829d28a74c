using System.Numerics;
using Recurrent.Diagnostics;
using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>Tiny recurrent layers of every cell and option (I = 3, H = 4), and the cost C = Σ g ⊙ y + Σ g_h ⊙ h_T (+ Σ
/// g_c ⊙ c_T).</summary>
internal static class RecurrentModels
{
    public const int InputSize = 3, HiddenSize = 4;

    /// <summary>Every cell × option the gradient checks cover.</summary>
    public static readonly string[] Kinds =
    [
        "rnn-tanh", "rnn-relu", "rnn-leaky-relu", "rnn-elu", "rnn-sigmoid", "rnn-identity", "rnn-tanh-nobias",
        "lstm", "lstm-nobias", "lstm-peepholes", "lstm-forget1", "lstm-peepholes-forget1",
        "gru", "gru-nobias", "gru-reset-before", "gru-reset-before-nobias",
    ];

    /// <summary>One of each cell family, for the sequence-level tests.</summary>
    public static readonly string[] Families = ["rnn-tanh", "lstm-peepholes", "gru", "gru-reset-before"];

    public static TheoryData<string> KindData() => [.. Kinds];

    public static TheoryData<string> FamilyData() => [.. Families];

    public static RecurrentCell<T> Cell<T>(string kind, ParameterSet<T> parameters, string suffix = "_l0")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int i = InputSize, h = HiddenSize;
        return kind switch
        {
            "rnn-tanh" => new RnnCell<T>(parameters, i, h, Activation.Tanh, suffix: suffix),
            "rnn-relu" => new RnnCell<T>(parameters, i, h, Activation.Relu, suffix: suffix),
            "rnn-leaky-relu" => new RnnCell<T>(parameters, i, h, Activation.LeakyRelu, suffix: suffix),
            "rnn-elu" => new RnnCell<T>(parameters, i, h, Activation.Elu, suffix: suffix),
            "rnn-sigmoid" => new RnnCell<T>(parameters, i, h, Activation.Sigmoid, suffix: suffix),
            "rnn-identity" => new RnnCell<T>(parameters, i, h, Activation.Identity, suffix: suffix),
            "rnn-tanh-nobias" => new RnnCell<T>(parameters, i, h, Activation.Tanh, bias: false, suffix: suffix),
            "lstm" => new LstmCell<T>(parameters, i, h, suffix: suffix),
            "lstm-nobias" => new LstmCell<T>(parameters, i, h, bias: false, suffix: suffix),
            "lstm-peepholes" => new LstmCell<T>(parameters, i, h, peepholes: true, suffix: suffix),
            "lstm-forget1" => new LstmCell<T>(parameters, i, h, forgetBiasOne: true, suffix: suffix),
            "lstm-peepholes-forget1" => new LstmCell<T>(parameters, i, h, peepholes: true, forgetBiasOne: true,
                suffix: suffix),
            "gru" => new GruCell<T>(parameters, i, h, suffix: suffix),
            "gru-nobias" => new GruCell<T>(parameters, i, h, bias: false, suffix: suffix),
            "gru-reset-before" => new GruCell<T>(parameters, i, h, form: GruForm.ResetBeforeProduct, suffix: suffix),
            "gru-reset-before-nobias" => new GruCell<T>(parameters, i, h, bias: false, form: GruForm.ResetBeforeProduct,
                suffix: suffix),
            _ => throw new ArgumentException($"unknown test cell '{kind}'", nameof(kind)),
        };
    }

    public static (RecurrentLayer<T> Layer, ParameterSet<T> Parameters) Build<T>(string kind,
        RecurrentLayerOptions? options = null, int seed = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parameters = new ParameterSet<T>();
        var layer = new RecurrentLayer<T>(Cell(kind, parameters), options);
        parameters.Initialize(new Random(seed));
        return (layer, parameters);
    }

    /// <summary>ReLU, leaky ReLU and ELU (whose f″ jumps at 0) are checked with the kink preset (central difference, h
    /// = 1e-5); the rest with the default five-point stencil.</summary>
    public static GradientCheckOptions CheckOptions(string kind, int seed) =>
        (kind.Contains("relu") || kind.Contains("elu") ? GradientCheckOptions.ForKinks
            : new GradientCheckOptions()) with { Seed = seed, Tolerance = LayerCheck.Tolerance };

    public static RecurrentState<double> RandomState(Random rng, int batch, bool hasCellState)
    {
        var state = new RecurrentState<double>(batch, HiddenSize, hasCellState);
        LayerCheck.Random(rng, batch, HiddenSize).Span.CopyTo(state.H.Span);
        if (hasCellState) LayerCheck.Random(rng, batch, HiddenSize).Span.CopyTo(state.C!.Span);
        return state;
    }

    public static double Dot(Tensor<double> a, Tensor<double> b) => TensorPrimitives.Dot<double>(a.Span, b.Span);

    /// <summary>Σ g ⊙ y + Σ g_final ⊙ final state: the cost whose gradients are g and g_final exactly.</summary>
    public static double Cost(RecurrentLayer<double> layer, Tensor<double> x, int[] lengths,
        RecurrentState<double>? initial,
        Tensor<double> g, RecurrentState<double>? gFinal)
    {
        double cost = Dot(layer.Forward(x, lengths, initial), g);
        if (gFinal is null) return cost;
        cost += Dot(layer.FinalState.H, gFinal.H);
        if (gFinal.C is not null) cost += Dot(layer.FinalState.C!, gFinal.C);
        return cost;
    }

    /// <summary>Float copy of a double parameter set's values, for float/double comparisons.</summary>
    public static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }
}
