using Recurrent.Data;
using Recurrent.Layers.Recurrent;
using Recurrent.Models;
using Recurrent.Sequences;

namespace Recurrent.Tests.Sequences;

/// <summary>
/// A word model's file (what <c>recurrent train --tokens words</c> writes) loads with <see cref="SequenceModel.Load"/>
/// as well as with <see cref="CharLanguageModelCheckpoint.LoadWithTokens"/>: the same words in the same order, the
/// tokenization as the property "tokens", the tied head kept tied, and exactly the logits the word model computes
/// (compared bit for bit: both run the same float32 products on the same weights).
/// </summary>
public sealed class WordModelFileTests : IDisposable
{
    private const int T = 5, B = 3;
    private readonly string _directory = Directory.CreateTempSubdirectory("word-model-file-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(CellKind.Lstm, false)]
    [InlineData(CellKind.Lstm, true)]
    [InlineData(CellKind.Gru, true)]
    public void AWordCheckpoint_LoadsAsASequenceModel_WithItsWords_AndPredictsWhatTheWordModelComputes(
        CellKind cell, bool tied)
    {
        var words = WordVocabulary.FromText("The cat sat on the mat.\nThe dog sat , too .\n", minCount: 1,
            lowercase: true);
        var config = new CharLanguageModelConfig(cell, words.Count, HiddenSize: 6, NumLayers: 2, Embedding: 6,
            Dropout: 0.2, TieWeights: tied, EmbeddingDropout: 0.2, OutputDropout: 0.2);
        var wordModel = new CharLanguageModel<float>(config, new Random(7), new Random(8)) { Training = false };
        string path = Path.Combine(_directory, "best.safetensors");
        CharLanguageModelCheckpoint.Save(wordModel, words, path);

        var model = SequenceModel.Load(path);

        Assert.Equal(words.Symbols, model.Vocabulary);
        Assert.Equal(InputKind.Tokens, model.Options.Input);
        Assert.Equal(HeadKind.PerStep, model.Options.Head);
        Assert.Equal(tied, model.Options.TieWeights);
        Assert.Equal(tied, !model.Parameters.Contains("head.weight")); // a tied head reads embed.weight
        Assert.Equal(words.Tokenization, TextTokenization.FromJson(model.Properties["tokens"]));
        int[] tokens = [.. Enumerable.Range(0, T * B).Select(i => (i * 5 + 2) % words.Count)];
        var expected = wordModel.Forward(tokens, T, B).Span.ToArray();
        Assert.Equal(expected, model.PredictTokens(tokens, T, B).Span.ToArray());
    }
}
