using Recurrent.Lab.Vanishing;
using Recurrent.Layers;
using Recurrent.Layers.Recurrent;

namespace Recurrent.Tests.Lab.Vanishing;

public class VanishingTests
{
    private static (float[] Pixels, int[] Labels) TinyImages(int count, int inputs, Random rng)
    {
        var pixels = new float[count * inputs];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (float)rng.NextDouble();
        return (pixels, Enumerable.Range(0, count).Select(i => i % 10).ToArray());
    }

    [Fact]
    public void DeepSigmoidMlp_GradientShrinksTowardsTheInput()
    {
        var (pixels, labels) = TinyImages(20, 16, new Random(1));
        var result = DeepMlpGradients.Measure(Activation.Sigmoid, pixels, labels, 16, 8, 16, 3, new Random(2));
        double Median(double[,] m, int l) =>
            DeepMlpGradients.Median(Enumerable.Range(0, 16).Select(j => m[l, j]).ToArray());
        Assert.True(Median(result.Batch, 0) < 0.01 * Median(result.Batch, 7),
            $"{Median(result.Batch, 0)} vs {Median(result.Batch, 7)}");
        Assert.True(Median(result.Single, 0) < 0.01 * Median(result.Single, 7));
    }

    [Fact]
    public void SingleInstance_OfOneImage_EqualsTheBatchGradientOfThatImage()
    {
        var (pixels, labels) = TinyImages(1, 12, new Random(3));
        var result = DeepMlpGradients.Measure(Activation.Tanh, pixels, labels, 12, 3, 8, 1, new Random(4));
        for (int l = 0; l < 3; l++)
            for (int j = 0; j < 8; j++)
                Assert.True(Math.Abs(result.Batch[l, j] - result.Single[l, j]) <= 1e-6
                    * Math.Max(1e-12, result.Batch[l, j]), $"layer {l} neuron {j}");
    }

    [Fact]
    public void RecurrentNorms_CoverEveryStep_AndVanishForATanhRnnAtInit()
    {
        var result = RecurrentGradients.Measure("RNN tanh", CellKind.Rnn, Activation.Tanh, 30, 8, 2, new Random(5));
        Assert.Equal(30, result.AtInit.Length);
        Assert.Equal(30, result.Trained.Length);
        Assert.True(result.AtInit[0] > 0);
        Assert.True(result.AtInit[29] < 1e-3 * result.AtInit[0], $"{result.AtInit[29]} vs {result.AtInit[0]}");
    }

    [Fact]
    public void Median_OfEvenAndOddCounts()
    {
        Assert.True(Math.Abs(DeepMlpGradients.Median([3, 1, 2]) - 2) < 1e-15);
        Assert.True(Math.Abs(DeepMlpGradients.Median([4, 1, 3, 2]) - 2.5) < 1e-15);
    }
}
