using Recurrent.Diagnostics;
using Recurrent.Tensors;
using Recurrent.Layers.Recurrent;
using Recurrent.Losses;
using Recurrent.Seq2Seq;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Seq2Seq;

/// <summary>
/// The whole encoder–decoder's backward pass (output, combine, attention, decoder, bridge, encoder, both embeddings)
/// against five-point finite differences in float64, for every attention kind, LSTM and GRU, one and two layers,
/// bidirectional or not, with and without the bridge's projection, on sources and targets of different lengths.
/// The cost is C = Σ g ⊙ z with a fixed random g on every row (padded decoder rows too, which still reach the
/// attention and output parameters), and in a second test the masked, label-smoothed cross-entropy the trainer uses.
/// Tolerance: <see cref="LayerCheck.Tolerance"/> (1e-6 relative error), with the relative error's floor raised to 1e-6:
/// through two stacks some entries (the additive score's weights under near-uniform attention) are only ~1e-9, where
/// the finite difference's rounding (~1e-13 absolute on a cost of order 1) is already 1e-4 relative; such entries must
/// agree to 1e-12 absolute instead.
/// </summary>
public class Seq2SeqNetworkGradientTests
{
    private const int SourceVocabulary = 7, TargetVocabulary = 8;
    private const double Floor = 1e-6; // see the class summary

    public static TheoryData<string> Cases() => new()
    {
        "none-lstm", "none-gru-bi-projected", "bahdanau-lstm-bi", "bahdanau-gru-2-layers",
        "dot-lstm-bi", "dot-gru", "general-lstm-bi-projected-2-layers", "general-gru-bi",
    };

    internal static Seq2SeqOptions Options(string name)
    {
        var attention = name.Split('-')[0] switch
        {
            "none" => AttentionKind.None,
            "bahdanau" => AttentionKind.Bahdanau,
            "dot" => AttentionKind.LuongDot,
            _ => AttentionKind.LuongGeneral,
        };
        bool bi = name.Contains("-bi"), projected = name.Contains("projected");
        int encoder = 3;
        int decoder = projected ? 5 : (bi ? 2 : 1) * encoder;
        return new Seq2SeqOptions(SourceVocabulary, TargetVocabulary, attention,
            name.Contains("gru") ? CellKind.Gru : CellKind.Lstm, EmbeddingSize: 3, EncoderHiddenSize: encoder,
            DecoderHiddenSize: decoder, NumLayers: name.Contains("2-layers") ? 2 : 1, Bidirectional: bi,
            AttentionSize: 3);
    }

    internal static Seq2SeqBatch Batch(Random rng)
    {
        int[][] sources = [[4, 5, 6, 4], [6, 5], [5, 4, 4]];
        int[][] targets = [[4, 7], [5, 6, 7, 4], []];
        _ = rng;
        return Seq2SeqBatch.Create(sources, targets);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_MatchesFiniteDifferences(string name)
    {
        var network = new Seq2SeqNetwork<double>(Options(name), new Random(21));
        var rng = new Random(22);
        var batch = Batch(rng);
        var g = LayerCheck.Random(rng, network.Forward(batch).Shape);
        double Cost() => System.Numerics.Tensors.TensorPrimitives.Dot<double>(network.Forward(batch).Span, g.Span);
        void Gradients()
        {
            network.Parameters.ZeroGradients();
            network.Forward(batch);
            network.Backward(g);
        }
        var report = GradientChecker.Check(network.Parameters, Cost, Gradients,
            new GradientCheckOptions { Seed = 4, Tolerance = LayerCheck.Tolerance, RelativeErrorFloor = Floor });
        Assert.True(report.Passed,
            $"{name}: worst {report.WorstRelativeError:E2} in {report.Worst?.Name} {report.Worst?.WorstPosition}: " +
            $"analytic {report.Worst?.Analytic:E6}, numeric {report.Worst?.Numeric:E6}");
        Assert.All(report.Results, r => Assert.True(r.EntriesChecked > 0));
    }

    [Theory]
    [InlineData("bahdanau-lstm-bi")]
    [InlineData("general-gru-bi")]
    public void MaskedCrossEntropy_MatchesFiniteDifferences(string name)
    {
        var network = new Seq2SeqNetwork<double>(Options(name), new Random(23));
        var batch = Batch(new Random(24));
        var loss = new CrossEntropyLoss<double>(labelSmoothing: 0.1);
        var mask = batch.TargetMask<double>();
        double Cost() => loss.Compute(network.Forward(batch), batch.TargetTokens, mask);
        void Gradients()
        {
            network.Parameters.ZeroGradients();
            var logits = network.Forward(batch);
            var gradient = new Tensor<double>(logits.Shape);
            loss.Compute(logits, batch.TargetTokens, mask, gradient);
            network.Backward(gradient);
        }
        var report = GradientChecker.Check(network.Parameters, Cost, Gradients,
            new GradientCheckOptions { Seed = 5, Tolerance = LayerCheck.Tolerance, RelativeErrorFloor = Floor });
        Assert.True(report.Passed,
            $"{name}: worst {report.WorstRelativeError:E2} in {report.Worst?.Name} {report.Worst?.WorstPosition}: " +
            $"analytic {report.Worst?.Analytic:E6}, numeric {report.Worst?.Numeric:E6}");
    }
}
