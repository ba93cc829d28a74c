using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using static Recurrent.Tests.Layers.Recurrent.RecurrentModels;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>Parameter names, shapes and initial values in PyTorch's layout, and the messages of bad calls.</summary>
public class RecurrentCellTests
{
    [Theory]
    [InlineData("rnn-tanh", 1, false)]
    [InlineData("lstm", 4, false)]
    [InlineData("lstm-peepholes", 4, true)]
    [InlineData("gru", 3, false)]
    [InlineData("gru-reset-before", 3, false)]
    public void Parameters_NamedAndShapedLikePyTorch_InitialisedWithinOneOverSqrtH(string kind, int gates,
        bool peepholes)
    {
        var parameters = new ParameterSet<double>();
        var cell = Cell(kind, parameters, "_l1_reverse");
        parameters.Initialize(new Random(1));
        string[] expected = ["weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse",
            "bias_hh_l1_reverse"];
        if (peepholes) expected = [.. expected, "weight_ci_l1_reverse", "weight_cf_l1_reverse", "weight_co_l1_reverse"];
        Assert.Equal(expected, parameters.Parameters.Select(p => p.Name));
        Assert.Equal([gates * HiddenSize, InputSize], parameters["weight_ih_l1_reverse"].Shape);
        Assert.Equal([gates * HiddenSize, HiddenSize], parameters["weight_hh_l1_reverse"].Shape);
        Assert.Equal([gates * HiddenSize], parameters["bias_hh_l1_reverse"].Shape);
        if (peepholes) Assert.Equal([HiddenSize], parameters["weight_co_l1_reverse"].Shape);
        Assert.Equal(gates, cell.GateCount);
        Assert.True(TensorPrimitives.MaxMagnitude<double>(parameters.Values) <= 0.5, "entries within ±1/√H = ±0.5");
    }

    [Theory]
    [InlineData("rnn-tanh-nobias")]
    [InlineData("lstm-nobias")]
    [InlineData("gru-nobias")]
    public void WithoutBias_DeclaresOnlyWeights(string kind)
    {
        var parameters = new ParameterSet<double>();
        Cell(kind, parameters);
        Assert.Equal(["weight_ih_l0", "weight_hh_l0"], parameters.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void ForgetBiasOne_StartsTheForgetGatesTotalBiasAtOne()
    {
        var (layer, _) = Build<double>("lstm-forget1");
        var cell = (LstmCell<double>)layer.Cell;
        var forgetIh = cell.BiasIh!.Value.Span.Slice(HiddenSize, HiddenSize);
        var forgetHh = cell.BiasHh!.Value.Span.Slice(HiddenSize, HiddenSize);
        Approx.Equal(Enumerable.Repeat(1.0, HiddenSize).ToArray(), forgetIh, 0, "bias_ih forget slice");
        Approx.Equal(new double[HiddenSize], forgetHh, 0, "bias_hh forget slice");
        Assert.True(TensorPrimitives.MaxMagnitude<double>(cell.BiasIh.Value.Span[..HiddenSize]) > 0,
            "the input gate's bias is still drawn");
        var e = Assert.Throws<ArgumentException>(() => new LstmCell<double>(new ParameterSet<double>(), 3, 4,
            bias: false, forgetBiasOne: true));
        Assert.Contains("forgetBiasOne needs bias", e.Message);
    }

    [Fact]
    public void RnnCell_RejectsSoftmax() =>
        Assert.Throws<ArgumentException>(() => new RnnCell<double>(new ParameterSet<double>(), 3, 4,
            Activation.Softmax));

    [Fact]
    public void Forward_WrongInputWidth_NamesExpectedAndGot()
    {
        var (layer, _) = Build<double>("gru");
        var e = Assert.Throws<ShapeMismatchException>(() => layer.Forward(new Tensor<double>(5, 2, 4)));
        Assert.Equal("input: expected (T, B, I) = (5, 2, 3), got (5, 2, 4)", e.Message);
    }

    [Fact]
    public void Forward_BadLengthsOrState_NamesTheProblem()
    {
        var (layer, _) = Build<double>("lstm");
        var x = new Tensor<double>(5, 2, InputSize);
        Assert.Equal("lengths: expected (B) = (2), got (3)",
            Assert.Throws<ShapeMismatchException>(() => layer.Forward(x, [1, 2, 3])).Message);
        Assert.Contains("lengths[1] = 6 is outside [0, T = 5]",
            Assert.Throws<ArgumentOutOfRangeException>(() => layer.Forward(x, [1, 6])).Message);
        Assert.Contains("carries a cell state c, but the state has none",
            Assert.Throws<ArgumentException>(() => layer.Forward(x, [], new RecurrentState<double>(2, HiddenSize,
                false))).Message);
        Assert.Equal("initial state.H: expected (B, H) = (2, 4), got (3, 4)",
            Assert.Throws<ShapeMismatchException>(() => layer.Forward(x, [], new RecurrentState<double>(3, HiddenSize,
                true))).Message);
    }

    [Fact]
    public void Backward_WrongGradientShape_NamesExpectedAndGot()
    {
        var (layer, _) = Build<double>("rnn-tanh");
        Assert.Throws<InvalidOperationException>(() => layer.Backward(new Tensor<double>(5, 2, HiddenSize)));
        layer.Forward(new Tensor<double>(5, 2, InputSize));
        var e = Assert.Throws<ShapeMismatchException>(() => layer.Backward(new Tensor<double>(5, 2, 3)));
        Assert.Equal("output gradient: expected (T, B, H) = (5, 2, 4), got (5, 2, 3)", e.Message);
    }

    [Fact]
    public void Step_OnReverseLayer_Throws()
    {
        var (layer, _) = Build<double>("gru", new RecurrentLayerOptions(Reverse: true));
        Assert.Throws<InvalidOperationException>(() => layer.Step(new Tensor<double>(2, InputSize),
            layer.CreateState(2)));
    }

    [Fact]
    public void Options_NegativeHorizon_Rejected()
    {
        var parameters = new ParameterSet<double>();
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new RecurrentLayer<double>(Cell<double>("gru", parameters),
                new RecurrentLayerOptions(TruncationHorizon: -1)));
    }
}
