using System.Numerics;
using Recurrent.Tensors;
using Recurrent.Diagnostics;
using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>Tiny stacks (I = 3, H = 4, 2 layers) of each cell family, for the stack, head and shape tests.</summary>
internal static class StackModels
{
    public const int InputSize = 3, HiddenSize = 4;

    /// <summary>One of each family, as in <see cref="RecurrentModels.Families"/>, plus a ReLU RNN and an LSTM without
    /// bias.</summary>
    public static readonly string[] Families = ["rnn-tanh", "rnn-relu", "lstm-peepholes", "lstm-nobias", "gru",
        "gru-reset-before"];

    public static TheoryData<string> FamilyData() => [.. Families];

    public static RecurrentStackOptions Options(string family, int layers = 2, bool bidirectional = false,
        BidirectionalCombine combine = BidirectionalCombine.Concatenate, double dropout = 0, int? horizon = null) =>
        new(family.StartsWith("lstm", StringComparison.Ordinal) ? CellKind.Lstm : family.StartsWith("gru",
            StringComparison.Ordinal) ? CellKind.Gru : CellKind.Rnn,
            InputSize, HiddenSize, layers, bidirectional, combine, dropout,
            Bias: !family.Contains("nobias"),
            Peepholes: family.Contains("peepholes"),
            GruForm: family.Contains("reset-before") ? GruForm.ResetBeforeProduct : GruForm.ResetAfterProduct,
            RnnActivation: family.Contains("relu") ? Activation.Relu : Activation.Tanh,
            TruncationHorizon: horizon);

    public static (RecurrentStack<T> Stack, ParameterSet<T> Parameters) Build<T>(RecurrentStackOptions options,
        int seed = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parameters = new ParameterSet<T>();
        var stack = new RecurrentStack<T>(parameters, options, new Random(seed + 1000));
        parameters.Initialize(new Random(seed));
        return (stack, parameters);
    }

    public static GradientCheckOptions CheckOptions(string family, int seed) => RecurrentModels.CheckOptions(family,
        seed);

    /// <summary>(L·D, B, H) entries N(0, 1).</summary>
    public static Tensor<double> RandomStates(Random rng, RecurrentStackOptions options, int batch) =>
        LayerCheck.Random(rng, options.NumLayers * options.Directions, batch, options.HiddenSize);
}
