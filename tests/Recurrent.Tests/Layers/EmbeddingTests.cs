using Recurrent.Diagnostics;
using Recurrent.Layers;
using Recurrent.Parameters;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Recurrent.Tests.Layers;

public class EmbeddingTests
{
    private static readonly int[] Indices = [3, 0, 3, 4, 1, 3]; // (T, B) = (3, 2), row 3 used three times, row 2 never

    [Fact]
    public void Forward_GathersRowsOfTheWeight()
    {
        var parameters = new ParameterSet<double>();
        var embed = new Embedding<double>(parameters, "embed.", 5, 3);
        parameters.Initialize(new Random(1));
        var x = embed.Forward(Indices, 3, 2);
        Assert.Equal([3, 2, 3], x.Shape);
        for (int r = 0; r < Indices.Length; r++)
            Approx.Equal(embed.Weight.Value.Row(Indices[r]), x.Span.Slice(r * 3, 3), 0, $"row {r}");
    }

    [Fact]
    public void Backward_MatchesFiniteDifferences()
    {
        var parameters = new ParameterSet<double>();
        var embed = new Embedding<double>(parameters, "embed.", 5, 3);
        parameters.Initialize(new Random(2));
        var g = LayerCheck.Random(new Random(3), 3, 2, 3); // ∂C/∂x
        double Cost() =>
            TensorPrimitives.Dot<double>(embed.Forward(Indices, 3, 2).Span, g.Span)
            + SumOfSquares(embed.Forward(Indices, 3, 2));
        void Gradients()
        {
            parameters.ZeroGradients();
            var x = embed.Forward(Indices, 3, 2);
            var dx = new Tensor<double>(3, 2, 3);
            for (int i = 0; i < dx.Length; i++) dx.Span[i] = g.Span[i] + 2 * x.Span[i];
            embed.Backward(dx);
        }
        var report =
            GradientChecker.Check(parameters, Cost, Gradients,
            new GradientCheckOptions(Tolerance: LayerCheck.Tolerance));
        Approx.Passes(report);
        Gradients();
        // an unused row gets no gradient
        Assert.All(embed.Weight.Gradient.Row(2).ToArray(), v => Assert.Equal(0.0, v, 0.0));
    }

    [Fact]
    public void Initialization_IsStandardNormal_AndSeeded()
    {
        static double[] Draw(int seed)
        {
            var parameters = new ParameterSet<double>();
            _ = new Embedding<double>(parameters, "", 100, 50);
            parameters.Initialize(new Random(seed));
            return parameters.Values.ToArray();
        }
        var a = Draw(4);
        Approx.Equal(a, Draw(4), 0, "same seed");
        double mean = a.Average(), variance = a.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(variance, 0.9, 1.1);
    }

    [Fact]
    public void IndexOutOfRange_IsRejectedWithItsPosition()
    {
        var parameters = new ParameterSet<float>();
        var embed = new Embedding<float>(parameters, "embed.", 5, 3);
        parameters.Seal();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => embed.Forward([1, 5], 1, 2));
        Assert.Contains("indices[1] = 5 is outside [0, 5)", e.Message);
        Assert.Throws<ShapeMismatchException>(() => embed.Forward([1, 2, 3], 1, 2));
    }

    private static double SumOfSquares(Tensor<double> x) => TensorPrimitives.Dot<double>(x.Span, x.Span);
}
