using Recurrent.Data;
using Recurrent.Diagnostics;
using Recurrent.Layers.Recurrent;
using Recurrent.Models;
using Recurrent.Tensors;
using Recurrent.Tests.Data;
using Recurrent.Tests.Support;
using static Recurrent.Tests.Models.CharModels;

namespace Recurrent.Tests.Models;

/// <summary>
/// The word model's additions to the language model: the tied head (z = y W_embedᵀ + b, one matrix with the summed
/// gradient of both uses) and dropout on the embeddings and before the head, against float64 finite differences
/// (relative error ≤ <see cref="LayerCheck.Tolerance"/>), and its checkpoint with its word tokens.
/// </summary>
public class WordLanguageModelTests
{
    private static CharLanguageModelConfig Tied(CellKind cell, double dropout = 0) =>
        new(cell, V, H, L, Embedding: H, Dropout: dropout, TieWeights: true, EmbeddingDropout: dropout,
            OutputDropout: dropout);

    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Rnn)]
    public void TiedModel_Backward_MatchesFiniteDifferences(CellKind cell)
    {
        var model = new CharLanguageModel<double>(Tied(cell), new Random(31));
        Assert.False(model.Parameters.Contains("head.weight"));
        Assert.True(model.Parameters.Contains("head.bias"));
        Approx.Passes(Check(model));
    }

    [Fact]
    public void TiedModel_WithFrozenDropoutEverywhere_MatchesFiniteDifferences()
    {
        var model = new CharLanguageModel<double>(Tied(CellKind.Lstm, dropout: 0.3), new Random(41), new Random(42));
        model.Forward(Indices(43, T * B), T, B); // draws the three masks once
        model.Network.ReuseDropoutMasks = true;
        var report = Check(model);
        Approx.Passes(report);
        Assert.Contains(report.Results, r => r.Name == "embed.weight");
    }

    [Fact]
    public void TiedModel_Logits_AreTheEmbeddingMatrixTimesTheTopState()
    {
        var model = new CharLanguageModel<double>(Tied(CellKind.Gru), new Random(51)) { Training = false };
        int[] inputs = Indices(52, T * B);
        double[] z = model.Forward(inputs, T, B).Span.ToArray();
        // the naive product: z[t, b, v] = Σ_k W_embed[v, k] · y[t, b, k] + b_head[v], y the stack's output
        var w = model.Parameters["embed.weight"].Value;
        var y = model.Rnn.Forward(Embed(w, inputs));
        var bias = model.Parameters["head.bias"].Value.Span;
        for (int r = 0; r < T * B; r++)
            for (int v = 0; v < V; v++)
            {
                double expected = bias[v];
                for (int k = 0; k < H; k++) expected += w[v, k] * y.Span[r * H + k];
                Assert.Equal(expected, z[r * V + v], 12);
            }
    }

    [Fact]
    public void Config_TieWeightsWithEmbeddingOtherThanHidden_IsRefused()
    {
        var config = new CharLanguageModelConfig(CellKind.Lstm, V, H, L, Embedding: 3, TieWeights: true);
        var e = Assert.Throws<ArgumentException>(config.Validate);
        Assert.Contains("embedding 3, hidden 4", e.Message);
    }

    [Fact]
    public void Checkpoint_KeepsTheWordsAndTheTiedHead()
    {
        using var dir = new TempFiles();
        string path = dir.PathOf("words.safetensors");
        var vocabulary = WordVocabulary.FromText("the cat , the hat"); // <unk> <eos> the cat , hat: V = 6
        var config = new CharLanguageModelConfig(CellKind.Lstm, vocabulary.Count, 4, 1, Embedding: 4,
            TieWeights: true, OutputDropout: 0.5);
        var model = new CharLanguageModel<float>(config, new Random(61), new Random(62)) { Training = false };
        CharLanguageModelCheckpoint.Save(model, vocabulary, path);
        var (loaded, tokens, again) = CharLanguageModelCheckpoint.LoadWithTokens(path);
        Assert.Equal(config, loaded);
        var words = Assert.IsType<WordVocabulary>(tokens);
        Assert.Equal(vocabulary.Symbols, words.Symbols);
        again.Training = false;
        int[] ids = vocabulary.Encode("the hat\n", out _);
        Assert.Equal(model.Forward(ids, ids.Length, 1).Span.ToArray(),
            again.Forward(ids, ids.Length, 1).Span.ToArray());
        // a character checkpoint written by the old path still reads as characters
        var chars = CharVocabulary.FromText("abcdef");
        CharLanguageModelCheckpoint.Save(new CharLanguageModel<float>(Config("gru", 0) with { VocabularySize = 6 },
            new Random(63)), chars.Symbols, path);
        Assert.IsType<CharVocabulary>(CharLanguageModelCheckpoint.LoadWithTokens(path).Vocabulary);
    }

    private static Tensor<double> Embed(Tensor<double> w, int[] inputs)
    {
        var x = new Tensor<double>(T, B, H);
        for (int r = 0; r < inputs.Length; r++)
            for (int k = 0; k < H; k++) x.Span[r * H + k] = w[inputs[r], k];
        return x;
    }

    private static GradientCheckReport Check(CharLanguageModel<double> model)
    {
        int[] inputs = Indices(12, T * B), targets = Indices(13, T * B);
        var h0 = LayerCheck.Random(new Random(14), L, B, H);
        var c0 = model.Config.Model == CellKind.Lstm ? LayerCheck.Random(new Random(15), L, B, H) : null;
        var dz = new Tensor<double>(T, B, V);
        double Loss()
        {
            model.Forward(inputs, T, B, h0, c0);
            return model.Loss(targets, null, null);
        }
        void Gradients()
        {
            model.Parameters.ZeroGradients();
            model.Forward(inputs, T, B, h0, c0);
            model.Loss(targets, null, dz);
            model.Backward(dz);
        }
        return GradientChecker.Check(model.Parameters, Loss, Gradients,
            new GradientCheckOptions(Tolerance: LayerCheck.Tolerance));
    }
}
