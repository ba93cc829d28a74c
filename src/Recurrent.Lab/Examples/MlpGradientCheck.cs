using Recurrent.Diagnostics;
using Recurrent.Layers;
using Recurrent.Losses;
using Recurrent.Models;
using Recurrent.Parameters;

namespace Recurrent.Lab.Examples;

/// <summary>
/// The ready-made gradient check of backpropagation (docs/equations.md#gradient-check): a small float64 MLP (5-7-6-3
/// by default, tanh hidden,
/// identity output) under fused softmax cross-entropy on a seeded batch of class targets. Checks every parameter and
/// ∂C/∂x (row "input").
/// </summary>
public static class MlpGradientCheck
{
    /// <summary>n⁰..nᴸ of the default network.</summary>
    public static IReadOnlyList<int> DefaultSizes { get; } = [5, 7, 6, 3];

    /// <summary>Checks the default network (<see cref="DefaultSizes"/>, tanh, a batch of 4).</summary>
    /// <param name="seed">Seeds the weights, the inputs and the classes (and the sampling, unless
    /// <paramref name="options"/> is given).</param>
    /// <param name="options">Step, sampling and tolerance; null uses the defaults with
    /// <see cref="GradientCheckOptions.Seed"/> = <paramref name="seed"/>.</param>
    public static GradientCheckReport Run(int seed = 1, GradientCheckOptions? options = null) =>
        Run(DefaultSizes, Activation.Tanh, batch: 4, seed, options);

    /// <summary>Checks an MLP of <paramref name="sizes"/> with <paramref name="hidden"/> activations and an identity
    /// output.</summary>
    /// <param name="options">Null picks the defaults, or <see cref="GradientCheckOptions.ForKinks"/> for ReLU, leaky
    /// ReLU and ELU, with <paramref name="seed"/>.</param>
    /// <param name="batch">Rows B of the input batch x (B, n⁰), drawn N(0, 1).</param>
    public static GradientCheckReport Run(IReadOnlyList<int> sizes, Activation hidden, int batch, int seed = 1,
        GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        options ??= (IsKinked(hidden) ? GradientCheckOptions.ForKinks
            : new GradientCheckOptions()) with { Seed = seed };
        var rng = new Random(seed);
        var parameters = new ParameterSet<double>();
        var mlp = new Mlp<double>(parameters, sizes, hidden, Activation.Identity);
        parameters.Initialize(rng);

        int classCount = sizes[^1];
        var x = new Tensor<double>(batch, sizes[0]);           // (B, n⁰)
        for (int i = 0; i < x.Length; i++) x.Span[i] = rng.NextGaussian();
        var classes = new int[batch];                           // (B)
        for (int r = 0; r < batch; r++) classes[r] = rng.Next(classCount);
        var loss = new SoftmaxCrossEntropy<double>();
        var gradient = new Tensor<double>(batch, classCount);   // ∂C/∂logits (B, nᴸ)

        double Cost() => loss.Compute(mlp.Forward(x), classes, null, null);
        Tensor<double>? inputGradient = null;
        void ComputeGradients()
        {
            parameters.ZeroGradients();
            loss.Compute(mlp.Forward(x), classes, null, gradient);
            inputGradient = mlp.Backward(gradient);
        }

        var report = GradientChecker.Check(parameters, Cost, ComputeGradients, options);
        return report.With(GradientChecker.CheckInput(x, Cost, inputGradient!, options));
    }

    private static bool IsKinked(Activation kind) => kind is Activation.Relu or Activation.LeakyRelu or Activation.Elu;
}
