using Recurrent.Layers;
using Recurrent.Parameters;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Recurrent.Tests.Layers;

public class ActivationLayerTests
{
    /// <summary>Every kind's ∂C/∂z against central differences, relative error ≤ 1e-6 (inputs |z| ≥ 0.1, away from
    /// kinks).</summary>
    [Theory]
    [InlineData(Activation.Identity)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.LeakyRelu)]
    [InlineData(Activation.Elu)]
    [InlineData(Activation.Softmax)]
    public void Backward_MatchesFiniteDifferences(Activation kind)
    {
        var layer = new ActivationLayer<double>(kind);
        var x = LayerCheck.AwayFromZero(new Random(5), 4, 6);
        var report = LayerCheck.Run(layer, new ParameterSet<double>(), x, seed: 2);
        Assert.Equal("input", Assert.Single(report.Results).Name);
        Approx.Passes(report);
    }

    [Fact]
    public void Forward_KeepsShape_AndSoftmaxRowsSumToOne()
    {
        var layer = new ActivationLayer<double>(Activation.Softmax);
        var y = layer.Forward(LayerCheck.Random(new Random(1), 2, 3, 5)); // softmax over the last dimension
        Assert.Equal([2, 3, 5], y.Shape);
        var sums = Enumerable.Range(0, 6).Select(r => TensorPrimitives.Sum<double>(y.Reshape(6, 5).Row(r))).ToArray();
        Approx.Equal(Enumerable.Repeat(1.0, 6).ToArray(), sums, 1e-15, "row sums");
    }

    [Fact]
    public void Parameter_ZeroMeansDefault()
    {
        Assert.Equal(0.01, new ActivationLayer<float>(Activation.LeakyRelu).Parameter);
        Assert.Equal(1.0, new ActivationLayer<float>(Activation.Elu).Parameter);
        Assert.Equal(0.2, new ActivationLayer<float>(Activation.LeakyRelu, 0.2).Parameter);
    }

    [Fact]
    public void Backward_WrongShape_NamesBothShapes()
    {
        var layer = new ActivationLayer<float>(Activation.Tanh);
        layer.Forward(new Tensor<float>(4, 3));
        var e = Assert.Throws<ShapeMismatchException>(() => layer.Backward(new Tensor<float>(4, 2)));
        Assert.Contains("(4, 2)", e.Message);
        Assert.Contains("(4, 3)", e.Message);
    }
}
