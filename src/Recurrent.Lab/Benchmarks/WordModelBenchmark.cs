using System.Diagnostics;
using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Losses;
using Recurrent.Models;
using Recurrent.Optimizers;
using Recurrent.Parameters;

namespace Recurrent.Lab.Benchmarks;

/// <summary>
/// Times training steps of PyTorch's word_language_model recipe on random tokens — embedding E, LSTM L×H with dropout
/// on the embeddings, between the layers and before the head, a V-way softmax, clipping at 0.25 and plain SGD — and,
/// apart, the softmax head alone on the same shapes (T·B rows of H): its forward product z = y Wᵀ + b (2·N·H·V
/// FLOPs), the softmax cross-entropy with dz written over z, and its two backward products dW += dzᵀ y and dy = dz W
/// (4·N·H·V). The head's median over the step's median is its share of the step.
/// </summary>
public static class WordModelBenchmark
{
    /// <summary>Runs the warm-up, then <paramref name="steps"/> timed steps and as many timed head passes.</summary>
    /// <param name="vocabulary">V, the softmax width (the SOTU corpus has 27,863 tokens).</param>
    /// <param name="tieWeights">Share the embedding with the head (E = H).</param>
    public static WordModelBenchmarkResult Run(int vocabulary = 27863, int embedding = 200, int hidden = 200,
        int layers = 2, int batch = 20, int sequenceLength = 35, bool tieWeights = false, int steps = 10,
        int warmUp = 2, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabulary, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        int n = batch * sequenceLength;
        var rng = new Random(seed);
        var config = new CharLanguageModelConfig(CellKind.Lstm, vocabulary, hidden, layers, embedding, 0.2,
            TieWeights: tieWeights, EmbeddingDropout: 0.2, OutputDropout: 0.2);
        var model = new CharLanguageModel<float>(config, rng, new Random(seed + 1));
        model.InitializeEncoderDecoder(rng);
        var optimizer = new Sgd<float>(new SgdOptions(20));
        int[] tokens = new int[n + batch];
        for (int i = 0; i < tokens.Length; i++) tokens[i] = rng.Next(vocabulary);
        int[] inputs = tokens[..n], targets = tokens[batch..];
        void Step()
        {
            model.Parameters.ZeroGradients();
            var z = model.Forward(inputs, sequenceLength, batch);
            model.Loss(targets, null, z);
            model.Backward(z);
            GradientClipping.ClipByGlobalNorm<float>(model.Parameters.Gradients, 0.25);
            optimizer.Step(model.Parameters);
        }

        // the head alone: the layer, loss and shapes of the model's own head
        var headParameters = new ParameterSet<float>();
        var head = new Dense<float>(headParameters, "head.", hidden, vocabulary);
        headParameters.Initialize(rng);
        var y = new Tensor<float>(n, hidden);
        for (int i = 0; i < y.Span.Length; i++) y.Span[i] = (float)(rng.NextDouble() * 2 - 1);
        var loss = new SoftmaxCrossEntropy<float>();
        void Head()
        {
            var z = head.Forward(y);
            loss.Compute(z, targets, null, z);
            head.Backward(z);
        }

        for (int i = 0; i < warmUp; i++)
        {
            Step();
            Head();
        }
        var stepSeconds = new double[steps];
        var headSeconds = new double[steps];
        var clock = new Stopwatch();
        for (int i = 0; i < steps; i++) // interleaved, so that both see the same state of the machine
        {
            clock.Restart();
            Step();
            stepSeconds[i] = clock.Elapsed.TotalSeconds;
            clock.Restart();
            Head();
            headSeconds[i] = clock.Elapsed.TotalSeconds;
        }
        double step = Median(stepSeconds), headMedian = Median(headSeconds);
        double headFlops = 6.0 * n * hidden * vocabulary;
        return new WordModelBenchmarkResult(vocabulary, n, step, headMedian, headMedian / step,
            headFlops / headMedian / 1e9, n / step);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
