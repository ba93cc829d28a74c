using Recurrent.Layers;
using Recurrent.Parameters;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Recurrent.Tests.Layers;

public class DenseTests
{
    private static (Dense<double> Layer, ParameterSet<double> Parameters) Build(bool bias, int seed = 1, int inputs = 5,
        int outputs = 3)
    {
        var parameters = new ParameterSet<double>();
        var layer = new Dense<double>(parameters, "fc.", inputs, outputs, bias);
        parameters.Initialize(new Random(seed));
        return (layer, parameters);
    }

    [Fact]
    public void Parameters_NamedAndShapedLikeNnLinear_InitialisedWithinOneOverSqrtInputs()
    {
        var (layer, parameters) = Build(bias: true, inputs: 16, outputs: 3);
        Assert.Equal(["fc.weight", "fc.bias"], parameters.Parameters.Select(p => p.Name));
        Assert.Equal([3, 16], layer.Weight.Shape);
        Assert.Equal([3], layer.Bias!.Shape);
        Assert.True(TensorPrimitives.MaxMagnitude<double>(parameters.Values) <= 0.25, "entries within ±1/√16");
        Assert.Null(Build(bias: false).Layer.Bias);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Forward_EqualsXWTransposedPlusB(bool bias)
    {
        var (layer, _) = Build(bias);
        var x = LayerCheck.Random(new Random(2), 4, 5);
        var y = layer.Forward(x);
        var expected = new double[4 * 3];
        for (int r = 0; r < 4; r++)
            for (int o = 0; o < 3; o++)
            {
                double sum = bias ? layer.Bias!.Value.Span[o] : 0;
                for (int i = 0; i < 5; i++) sum += x[r, i] * layer.Weight.Value[o, i];
                expected[r * 3 + o] = sum;
            }
        Approx.Equal(expected, y.Span, 1e-14, "Y");
    }

    /// <summary>dW, db and dX against central differences, relative error ≤ 1e-6.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Backward_MatchesFiniteDifferences(bool bias)
    {
        var (layer, parameters) = Build(bias, inputs: 6, outputs: 4);
        var report = LayerCheck.Run(layer, parameters, LayerCheck.Random(new Random(3), 3, 6), seed: 4);
        Assert.Equal(bias ? ["fc.weight", "fc.bias", "input"] : ["fc.weight", "input"], report.Results.Select(r =>
            r.Name));
        Approx.Passes(report);
    }

    [Fact]
    public void Backward_AccumulatesIntoGradients()
    {
        var (layer, parameters) = Build(bias: true);
        var x = LayerCheck.Random(new Random(5), 2, 5);
        var dY = LayerCheck.Random(new Random(6), 2, 3);
        layer.Forward(x);
        layer.Backward(dY);
        var once = parameters.Gradients.ToArray();
        layer.Backward(dY);
        Approx.Equal(once.Select(g =>
            2 * g).ToArray(), parameters.Gradients, 1e-14, "gradients after two backward passes");
    }

    [Fact]
    public void FloatAndDouble_AgreeWithinFloatTolerance()
    {
        var (layer, parameters) = Build(bias: true);
        var floatParameters = new ParameterSet<float>();
        var floatLayer = new Dense<float>(floatParameters, "fc.", 5, 3);
        floatParameters.Initialize(new Random(1)); // same seed, same draws rounded to float
        var x = LayerCheck.Random(new Random(7), 4, 5);
        var dY = LayerCheck.Random(new Random(8), 4, 3);
        var y = layer.Forward(x).Span.ToArray();
        var dX = layer.Backward(dY).Span.ToArray();
        var yf = floatLayer.Forward(x.Convert<float>()).Convert<double>();
        var dXf = floatLayer.Backward(dY.Convert<float>()).Convert<double>();
        Approx.Equal(y, yf.Span, 1e-5, "Y float vs double");
        Approx.Equal(dX, dXf.Span, 1e-5, "dX float vs double");
        Approx.Equal(parameters.Gradients, floatParameters.Gradients.ToArray().Select(g => (double)g).ToArray(), 1e-5,
            "dW, db float vs double");
    }

    [Fact]
    public void Forward_WrongInputWidth_NamesExpectedAndGot()
    {
        var (layer, _) = Build(bias: true);
        var e = Assert.Throws<ShapeMismatchException>(() => layer.Forward(new Tensor<double>(50, 4)));
        Assert.Equal("input: expected (B, I) = (50, 5), got (50, 4)", e.Message);
    }

    [Fact]
    public void Backward_WrongGradientShape_NamesExpectedAndGot()
    {
        var (layer, _) = Build(bias: true);
        layer.Forward(new Tensor<double>(2, 5));
        var e = Assert.Throws<ShapeMismatchException>(() => layer.Backward(new Tensor<double>(3, 3)));
        Assert.Equal("output gradient: expected (B, O) = (2, 3), got (3, 3)", e.Message);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 4)]
    [InlineData(false, 4)]
    public void Infer_GivesForwardsBits_AndLeavesBackwardOnTheLastForward(bool bias, int rows)
    {
        var (layer, parameters) = Build(bias);
        var x = LayerCheck.Random(new Random(2), rows, 5);
        var inferred = new Tensor<double>(rows, 3);
        layer.Infer(x, inferred);
        Assert.True(layer.Forward(x).Span.SequenceEqual(inferred.Span), "Infer's Y differs from Forward's");

        var dy = LayerCheck.Random(new Random(3), rows, 3);
        var expected = layer.Backward(dy).Span.ToArray();
        var expectedGradients = parameters.Gradients.ToArray();
        parameters.ZeroGradients();
        layer.Infer(LayerCheck.Random(new Random(4), 2, 5), new Tensor<double>(2, 3)); // another batch, in between
        Assert.True(layer.Backward(dy).Span.SequenceEqual(expected), "Infer changed what Backward reads");
        Assert.True(parameters.Gradients.SequenceEqual(expectedGradients), "Infer changed the weight gradients");
    }
}
