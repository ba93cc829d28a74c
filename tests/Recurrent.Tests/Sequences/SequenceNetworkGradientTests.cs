using Recurrent.Tensors;
using Recurrent.Diagnostics;
using Recurrent.Layers.Recurrent;
using Recurrent.Sequences;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Sequences;

/// <summary>
/// The sequence model's backward pass (head, pooling, stack, embedding) against five-point finite differences in
/// float64, under C = Σ g ⊙ outputs with a fixed random g, on variable lengths including a sequence of length 0.
/// Tolerance: <see cref="LayerCheck.Tolerance"/> (1e-6 relative error); Max pooling is piecewise linear, so its check
/// uses inputs whose maxima are well separated (seeded draws; the kink needs a tie). Attention pooling is smooth and
/// its query "pool.query" is checked like every other parameter (every entry: it has W of them).
/// </summary>
public class SequenceNetworkGradientTests
{
    private const int T = 5, B = 4, F = 3, V = 6, H = 4, K = 3;
    private static readonly int[] Lengths = [5, 2, 0, 4];

    public static TheoryData<string> Cases() => new()
    {
        "features-last", "features-mean", "features-max", "features-bidirectional-last", "features-gru-2-layers-mean",
        "tokens-onehot-per-step", "tokens-embedding-last", "tokens-embedding-rnn-per-step",
        "features-attention", "features-bidirectional-attention", "features-gru-2-layers-attention",
        "tokens-onehot-attention", "tokens-embedding-rnn-attention",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_MatchesFiniteDifferences(string name)
    {
        var options = Options(name);
        var network = new SequenceNetwork<double>(options, new Random(11));
        var rng = new Random(12);
        var features = LayerCheck.Random(rng, T, B, F);
        int[] tokens = [.. Enumerable.Range(0, T * B).Select(_ => rng.Next(V))];
        Tensor<double> Forward() => options.Input == InputKind.Features
            ? network.Forward(features, Lengths)
            : network.ForwardTokens(tokens, T, B, Lengths);
        var g = LayerCheck.Random(rng, Forward().Shape);
        double Cost() => System.Numerics.Tensors.TensorPrimitives.Dot<double>(Forward().Span, g.Span);
        void Gradients()
        {
            network.Parameters.ZeroGradients();
            Forward();
            network.Backward(g);
        }
        var report = GradientChecker.Check(network.Parameters, Cost, Gradients,
            new GradientCheckOptions { Seed = 3, Tolerance = LayerCheck.Tolerance });
        Assert.True(report.Passed,
            $"{name}: worst relative error {report.WorstRelativeError:E2} in {report.Worst?.Name}");
        if (options.Pooling == PoolingKind.Attention)
        {
            var query = Assert.Single(report.Results, r => r.Name == "pool.query");
            Assert.Equal(options.StackOutputSize, query.EntriesChecked);
            Assert.Contains(network.Parameters["pool.query"].Gradient.Span.ToArray(), d => Math.Abs(d) > 1e-8);
        }
    }

    [Fact]
    public void AttentionWeights_SumToOneOverValidSteps_AndAreZeroAtPadding()
    {
        var network = new SequenceNetwork<double>(Options("features-bidirectional-attention"), new Random(13));
        Assert.Null(network.LastAttentionWeights);
        network.Forward(LayerCheck.Random(new Random(14), T, B, F), Lengths);
        var alpha = network.LastAttentionWeights!;
        Assert.Equal([T, B], alpha.Shape);
        for (int b = 0; b < B; b++)
        {
            double sum = 0;
            for (int t = 0; t < T; t++)
            {
                double a = alpha.Span[t * B + b];
                if (t >= Lengths[b]) Assert.True(a == 0, $"α[{t}, {b}] = {a} at a padded step");
                else Assert.InRange(a, double.Epsilon, 1);
                sum += a;
            }
            Assert.True(Math.Abs(sum - (Lengths[b] > 0 ? 1 : 0)) < 1e-12,
                $"sequence {b} (length {Lengths[b]}): weights sum to {sum}");
        }
        var lastPooling = new SequenceNetwork<double>(Options("features-last"), new Random(13));
        lastPooling.Forward(LayerCheck.Random(new Random(14), T, B, F), Lengths);
        Assert.Null(lastPooling.LastAttentionWeights);
    }

    [Fact]
    public void AttentionPooling_WithoutAParameterSet_SaysWhatItNeeds()
    {
        var e = Assert.Throws<ArgumentException>(() => new SequencePooling<double>(PoolingKind.Attention, 4));
        Assert.Contains("query", e.Message);
        var parameters = new Recurrent.Parameters.ParameterSet<double>();
        var pooling = new SequencePooling<double>(PoolingKind.Attention, 4, parameters: parameters, prefix: "p.");
        Assert.Equal([4], parameters["p.query"].Shape);
        Assert.Same(parameters["p.query"], pooling.Query);
    }

    internal static SequenceModelOptions Options(string name)
    {
        var options = name.StartsWith("tokens", StringComparison.Ordinal)
            ? new SequenceModelOptions { Input = InputKind.Tokens, InputSize = V,
                EmbeddingSize = name.Contains("embedding") ? 3 : 0 }
            : new SequenceModelOptions { InputSize = F };
        options = options with
        {
            HiddenSize = H, OutputSize = K, Bidirectional = name.Contains("bidirectional"),
            Head = name.Contains("per-step") ? HeadKind.PerStep : HeadKind.PerSequence,
            Pooling = name.Contains("mean") ? PoolingKind.Mean : name.Contains("max") ? PoolingKind.Max
                : name.Contains("attention") ? PoolingKind.Attention : PoolingKind.Last,
            Cell = name.Contains("gru") ? CellKind.Gru : name.Contains("rnn") ? CellKind.Rnn : CellKind.Lstm,
            NumLayers = name.Contains("2-layers") ? 2 : 1,
        };
        return options;
    }
}
