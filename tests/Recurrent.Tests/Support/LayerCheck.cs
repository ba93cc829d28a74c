using Recurrent.Diagnostics;
using Recurrent.Layers;
using Recurrent.Parameters;
using Recurrent.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Recurrent.Tests.Support;

/// <summary>
/// Gradient check of any layer under the cost C = Σ g ⊙ layer(x) with a fixed random g, so ∂C/∂y = g exactly and
/// every error comes from the layer's own backward pass. Checks the parameters and ∂C/∂x.
/// </summary>
internal static class LayerCheck
{
    /// <summary>The relative error every float64 check in these tests is held to.</summary>
    public const double Tolerance = 1e-6;

    public static GradientCheckReport Run(ILayer<double> layer, ParameterSet<double> parameters, Tensor<double> x,
        int seed,
        GradientCheckOptions? options = null)
    {
        var probe = layer.Forward(x);
        var g = Random(new Random(seed), probe.Shape); // ∂C/∂y, same shape as y
        double Cost() => TensorPrimitives.Dot<double>(layer.Forward(x).Span, g.Span);
        Tensor<double>? dx = null;
        void Gradients()
        {
            parameters.ZeroGradients();
            layer.Forward(x);
            dx = layer.Backward(g);
        }
        options = (options ?? new GradientCheckOptions()) with { Seed = seed, Tolerance = Tolerance };
        var report = GradientChecker.Check(parameters.Seal(), Cost, Gradients, options);
        Gradients();
        return report.With(GradientChecker.CheckInput(x, Cost, dx!, options));
    }

    /// <summary>Entries drawn N(0, 1) from <paramref name="rng"/>.</summary>
    public static Tensor<double> Random(Random rng, params int[] shape)
    {
        var t = new Tensor<double>(shape);
        for (int i = 0; i < t.Length; i++) t.Span[i] = rng.NextGaussian();
        return t;
    }

    /// <summary>Entries of magnitude in [0.1, 2] with random sign: away from the kinks of ReLU, leaky ReLU and ELU at
    /// 0.</summary>
    public static Tensor<double> AwayFromZero(Random rng, params int[] shape)
    {
        var t = new Tensor<double>(shape);
        for (int i = 0; i < t.Length; i++) t.Span[i] = (rng.Next(2) == 0 ? -1 : 1) * (0.1 + 1.9 * rng.NextDouble());
        return t;
    }
}
