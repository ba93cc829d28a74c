using System.Numerics;
using Recurrent.Losses;
using Recurrent.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Recurrent.Tests.Losses;

/// <summary>Inputs in each loss's domain: BCE predictions inside (0, 1), targets as probability rows for
/// cross-entropies.</summary>
internal static class LossTestData
{
    public static ILoss<T> Create<T>(string name) where T : unmanaged, IFloatingPointIeee754<T> =>
        LossFactory.Create<T>(name);

    public static (Tensor<double> Prediction, Tensor<double> Target) Batch(string name, int rows, int columns, int seed)
    {
        var rng = new Random(seed);
        var prediction = new Tensor<double>(rows, columns);
        var target = new Tensor<double>(rows, columns);
        for (int i = 0; i < prediction.Length; i++)
        {
            prediction.Span[i] = name == "bce" ? 0.05 + 0.9 * rng.NextDouble() : 4 * rng.NextDouble() - 2;
            target.Span[i] = name is "bce" or "softmax-ce" ? rng.NextDouble() : 4 * rng.NextDouble() - 2;
        }
        if (name == "softmax-ce")
            for (int r = 0; r < rows; r++)
                TensorPrimitives.Divide(target.Row(r), TensorPrimitives.Sum<double>(target.Row(r)), target.Row(r));
        return (prediction, target);
    }

    public static Tensor<double> Mask(params double[] values) => Tensor<double>.From(values, values.Length);

    public static TheoryData<string> Names() => new() { "mse", "sse", "bce", "softmax-ce" };
}
