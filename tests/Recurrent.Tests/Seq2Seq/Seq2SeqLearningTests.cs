using Recurrent.Layers.Recurrent;
using Recurrent.Seq2Seq;

namespace Recurrent.Tests.Seq2Seq;

/// <summary>
/// Tiny models learn a synthetic task in the suite: reversing strings of 2–6 letters from a 5-letter alphabet (held-out
/// strings, ≥ 99% exact). Beam width 1 gives the greedy outputs exactly; the model survives a save and a load with the
/// same outputs; the metrics follow the issue's definitions.
/// </summary>
public class Seq2SeqLearningTests
{
    private static List<Seq2SeqPair> Reversals(Random rng, int count)
    {
        var pairs = new List<Seq2SeqPair>();
        for (int i = 0; i < count; i++)
        {
            var letters = Enumerable.Range(0, rng.Next(2, 7)).Select(_ => (char)('a' + rng.Next(5))).ToArray();
            pairs.Add(new Seq2SeqPair(new string(letters), new string([.. letters.Reverse()])));
        }
        return pairs;
    }

    private static (Seq2SeqModel Model, List<Seq2SeqPair> Test) Trained(AttentionKind attention, CellKind cell)
    {
        var train = Reversals(new Random(1), 2000);
        var test = Reversals(new Random(2), 300).Where(p => !train.Contains(p)).ToList();
        var vocabulary = TokenVocabulary.Build(TokenUnit.Chars, train.Select(p => p.Source));
        var model = new Seq2SeqModel(new Seq2SeqOptions(0, 0, attention, cell, EmbeddingSize: 12,
            EncoderHiddenSize: 24, DecoderHiddenSize: 48), vocabulary, vocabulary, new Random(3));
        Seq2SeqTrainer.Train(model, train, options: new Seq2SeqTrainingOptions(Epochs: 10, BatchSize: 32,
            LearningRate: 1e-2));
        return (model, test);
    }

    [Theory]
    [InlineData(AttentionKind.LuongGeneral, CellKind.Lstm)]
    [InlineData(AttentionKind.Bahdanau, CellKind.Gru)]
    public void Reversal_IsLearned(AttentionKind attention, CellKind cell)
    {
        var (model, test) = Trained(attention, cell);
        var scores = Seq2SeqMetrics.Evaluate(model, test);
        Assert.True(scores.Wer <= 0.01, $"{attention}/{cell}: WER {scores.Wer:P2} over {scores.Sources} sources " +
            $"(e.g. {string.Join(", ", scores.Errors.Take(3).Select(e => $"{e.Source}→{e.Output}"))})");
    }

    [Fact]
    public void BeamWidthOne_IsGreedy_AndSaveLoadKeepsOutputs()
    {
        var train = Reversals(new Random(4), 300);
        var vocabulary = TokenVocabulary.Build(TokenUnit.Chars, train.Select(p => p.Source));
        var model = new Seq2SeqModel(new Seq2SeqOptions(0, 0, EmbeddingSize: 8, EncoderHiddenSize: 8,
            DecoderHiddenSize: 16), vocabulary, vocabulary, new Random(5));
        Seq2SeqTrainer.Train(model, train, options: new Seq2SeqTrainingOptions(Epochs: 3, BatchSize: 16));
        var sources = train.Select(p => p.Source).Distinct().Take(60).ToArray();
        var greedy = model.Decode(sources);
        Assert.Equal(greedy, model.Decode(sources, new Seq2SeqDecodingOptions(BeamWidth: 1)));
        Assert.Equal(greedy, model.Decode(sources, new Seq2SeqDecodingOptions(BatchSize: 7)));
        var wide = model.Decode(sources, new Seq2SeqDecodingOptions(BeamWidth: 4));
        Assert.Equal(sources.Length, wide.Count);
        string path = Path.Combine(Path.GetTempPath(), $"s2s-{Guid.NewGuid():N}.safetensors");
        try
        {
            model.Save(path);
            var loaded = Seq2SeqModel.Load(path);
            Assert.Equal(greedy, loaded.Decode(sources));
            Assert.Equal(wide, loaded.Decode(sources, new Seq2SeqDecodingOptions(BeamWidth: 4)));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Metrics_FollowTheDefinitions()
    {
        var references = Seq2SeqMetrics.GroupReferences(
            [new("a", "X Y Z"), new("a", "X Y"), new("b", "P Q R S"), new("c", "M")]);
        // a: matches the second reference; b: one substitution of 4; c: one insertion against a reference of 1
        var scores = Seq2SeqMetrics.Score(["a", "b", "c"], ["X Y", "P Q T S", "M M"], references, TokenUnit.Words);
        Assert.Equal(3, scores.Sources);
        Assert.Equal(2.0 / 3, scores.Wer, 12);
        Assert.Equal((0 + 1 + 1) / (2.0 + 4 + 1), scores.Per, 12);
        Assert.Equal(3,
            Seq2SeqMetrics.EditDistance(["k", "i", "t", "t", "e", "n"], ["s", "i", "t", "t", "i", "n", "g"]));
    }

    /// <summary>The snippet of docs/getting-started.md#sequence-to-sequence, as written there (the file in a temporary
    /// folder), runs.</summary>
    [Fact]
    public void GettingStartedSnippet_Runs()
    {
        string folder = Directory.CreateTempSubdirectory("s2s-doc-").FullName;
        try
        {
            var pairs = Seq2SeqData.Parse(["abc\tcba", "ab\tba", "bca\tacb"], "inline");
            var (train, valid, _) = Seq2SeqData.SplitBySource(pairs, validFraction: 0, testFraction: 0, seed: 1);
            var source = TokenVocabulary.Build(TokenUnit.Chars, train.Select(p => p.Source));
            var target = TokenVocabulary.Build(TokenUnit.Chars, train.Select(p => p.Target));
            var model = new Seq2SeqModel(new Seq2SeqOptions(0, 0, AttentionKind.LuongGeneral, EmbeddingSize: 16,
                EncoderHiddenSize: 32, DecoderHiddenSize: 64), source, target, new Random(1));
            Seq2SeqTrainer.Train(model, train, valid.Count > 0 ? valid : null,
                new Seq2SeqTrainingOptions(Epochs: 50, Minutes: 1, LabelSmoothing: 0.1));
            IReadOnlyList<string> outputs = model.Decode(["cab"], new Seq2SeqDecodingOptions(BeamWidth: 4));
            Seq2SeqEvaluation scores = Seq2SeqMetrics.Evaluate(model, pairs);
            model.Save(Path.Combine(folder, "reverse.safetensors"));
            string svg = AttentionHeatmap.ToSvg(model.AttentionMap("cab")!);
            Assert.Single(outputs);
            Assert.Equal(0, scores.Wer); // three pairs, fifty epochs: learned by heart
            Assert.StartsWith("<svg", svg);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
