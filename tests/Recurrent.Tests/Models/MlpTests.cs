using Recurrent.Diagnostics;
using Recurrent.Layers;
using Recurrent.Models;
using Recurrent.Parameters;
using Recurrent.Tensors;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Models;

public class MlpTests
{
    [Fact]
    public void Parameters_NamedLikeNnSequential_WithPrefix()
    {
        var parameters = new ParameterSet<float>();
        var mlp = new Mlp<float>(parameters, [4, 8, 6, 2], Activation.Relu, Activation.Identity, prefix: "head.");
        Assert.Equal(new[] { "head.0.weight", "head.0.bias", "head.2.weight", "head.2.bias", "head.4.weight",
            "head.4.bias" },
            parameters.Parameters.Select(p => p.Name));
        Assert.Equal(new[] { 8, 4 }, parameters["head.0.weight"].Shape);
        Assert.Equal(new[] { 2, 6 }, parameters["head.4.weight"].Shape);
        Assert.Equal(new[] { 4, 8, 6, 2 }, mlp.Sizes);
    }

    [Fact]
    public void Forward_EqualsDenseAndActivationComposedByHand()
    {
        var parameters = new ParameterSet<double>();
        var mlp = new Mlp<double>(parameters, [3, 5, 2], Activation.Tanh, Activation.Sigmoid);
        parameters.Initialize(new Random(1));
        var x = LayerCheck.Random(new Random(2), 4, 3);
        var y = mlp.Forward(x);

        var w1 = parameters["0.weight"].Value; var b1 = parameters["0.bias"].Value;
        var w2 = parameters["2.weight"].Value; var b2 = parameters["2.bias"].Value;
        var expected = new double[4 * 2];
        for (int r = 0; r < 4; r++)
        {
            var h = new double[5];
            for (int j = 0; j < 5; j++)
            {
                double z = b1.Span[j];
                for (int i = 0; i < 3; i++) z += w1[j, i] * x[r, i];
                h[j] = Math.Tanh(z);
            }
            for (int k = 0; k < 2; k++)
            {
                double z = b2.Span[k];
                for (int j = 0; j < 5; j++) z += w2[k, j] * h[j];
                expected[r * 2 + k] = 1 / (1 + Math.Exp(-z));
            }
        }
        Approx.Equal(expected, y.Span, 1e-14, "MLP output");
    }

    /// <summary>
    /// The backward pass of docs/equations.md#dense (δᴸ = ∇_y C ⊙ f′(zᴸ), δˡ = (wˡ⁺¹)ᵀδˡ⁺¹ ⊙ f′(zˡ),
    /// ∂C/∂wˡ = δˡ(aˡ⁻¹)ᵀ, ∂C/∂bˡ = δˡ) for every
    /// parameter and ∂C/∂x, against central differences: relative error ≤ 1e-6 in float64, for several depths and
    /// activations.
    /// </summary>
    [Theory]
    [InlineData(new[] { 3, 2 }, Activation.Tanh, Activation.Identity)]
    [InlineData(new[] { 3, 4, 2 }, Activation.Tanh, Activation.Identity)]
    [InlineData(new[] { 4, 5, 5, 3 }, Activation.Sigmoid, Activation.Sigmoid)]
    [InlineData(new[] { 3, 6, 5, 4, 2 }, Activation.Elu, Activation.Softmax)]
    [InlineData(new[] { 5, 7, 6, 3 }, Activation.Relu, Activation.Tanh)]
    [InlineData(new[] { 5, 7, 6, 3 }, Activation.LeakyRelu, Activation.Identity)]
    [InlineData(new[] { 2, 3, 3, 3, 3, 3, 2 }, Activation.Tanh, Activation.Softmax)]
    public void Backward_MatchesFiniteDifferences(int[] sizes, Activation hidden, Activation output)
    {
        var parameters = new ParameterSet<double>();
        var mlp = new Mlp<double>(parameters, sizes, hidden, output);
        parameters.Initialize(new Random(sizes.Length));
        bool kinked = hidden is Activation.Relu or Activation.LeakyRelu or Activation.Elu;
        var report = LayerCheck.Run(mlp, parameters, LayerCheck.Random(new Random(9), 4, sizes[0]), seed: 3,
            kinked ? GradientCheckOptions.ForKinks : null);
        Assert.Equal(2 * (sizes.Length - 1) + 1, report.Results.Count);
        Approx.Passes(report);
    }

    [Fact]
    public void FloatAndDouble_AgreeWithinFloatTolerance()
    {
        int[] sizes = [4, 6, 3];
        var pd = new ParameterSet<double>();
        var pf = new ParameterSet<float>();
        var md = new Mlp<double>(pd, sizes, Activation.Tanh, Activation.Softmax);
        var mf = new Mlp<float>(pf, sizes, Activation.Tanh, Activation.Softmax);
        pd.Initialize(new Random(4));
        pf.Initialize(new Random(4));
        var x = LayerCheck.Random(new Random(5), 3, 4);
        var g = LayerCheck.Random(new Random(6), 3, 3);
        var y = md.Forward(x).Span.ToArray();
        var dx = md.Backward(g).Span.ToArray();
        Approx.Equal(y, mf.Forward(x.Convert<float>()).Convert<double>().Span, 1e-5, "y float vs double");
        Approx.Equal(dx, mf.Backward(g.Convert<float>()).Convert<double>().Span, 1e-5, "∂C/∂x float vs double");
        Approx.Equal(pd.Gradients, pf.Gradients.ToArray().Select(v => (double)v).ToArray(), 1e-5,
            "gradients float vs double");
    }

    [Fact]
    public void ChangingBatchSize_GivesTheSameRowsAsAFreshModel()
    {
        var parameters = new ParameterSet<double>();
        var mlp = new Mlp<double>(parameters, [3, 4, 2], Activation.Tanh, Activation.Softmax);
        parameters.Initialize(new Random(8));
        var x = LayerCheck.Random(new Random(9), 4, 3);
        var g = LayerCheck.Random(new Random(10), 4, 2);
        var yFull = mlp.Forward(x).Span.ToArray();
        var dxFull = mlp.Backward(g).Span.ToArray();
        var ySmall = mlp.Forward(x.Slice(1, 2)).Span.ToArray(); // workspaces re-made for B = 2
        var dxSmall = mlp.Backward(g.Slice(1, 2)).Span.ToArray();
        Approx.Equal(yFull.AsSpan(2, 4), ySmall, 1e-15, "rows 1..2 of y");
        Approx.Equal(dxFull.AsSpan(3, 6), dxSmall, 1e-15, "rows 1..2 of ∂C/∂x");
    }

    [Fact]
    public void Forward_WrongInputWidth_NamesExpectedAndGot()
    {
        var parameters = new ParameterSet<float>();
        var mlp = new Mlp<float>(parameters, [65, 10, 2], Activation.Tanh, Activation.Identity);
        parameters.Seal();
        var e = Assert.Throws<ShapeMismatchException>(() => mlp.Forward(new Tensor<float>(50, 64)));
        Assert.Equal("input: expected (B, n⁰) = (50, 65), got (50, 64)", e.Message);
    }

    [Fact]
    public void Constructor_TooFewSizes_Throws() =>
        Assert.Throws<ArgumentException>(() =>
            new Mlp<float>(new ParameterSet<float>(), [3], Activation.Tanh, Activation.Identity));
}
