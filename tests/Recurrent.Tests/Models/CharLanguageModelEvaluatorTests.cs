using Recurrent.Models;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using static Recurrent.Tests.Models.CharModels;

namespace Recurrent.Tests.Models;

/// <summary>The evaluator is one stream with its state carried: its result is one long Forward's mean NLL, whatever the
/// chunk.</summary>
public class CharLanguageModelEvaluatorTests
{
    [Theory]
    [InlineData("lstm", 0)]
    [InlineData("gru", 3)]
    public void Evaluate_EqualsOneLongForward_ForEveryChunkLength(string family, int embedding)
    {
        var model =
            new CharLanguageModel<double>(Config(family, embedding, dropout: 0.5), new Random(91), new Random(92));
        int[] text = Indices(93, 23);
        model.Training = false;
        model.Forward(text.AsSpan(0, 22), 22, 1);
        double expected = model.Loss(text.AsSpan(1), null, null);
        model.Training = true;
        foreach (int chunk in new[] { 1, 5, 22, 100 })
        {
            var result = CharLanguageModelEvaluator.Evaluate(model, text, chunk, skipped: 3);
            Approx.Equal(expected, result.Loss, 1e-12, $"loss with chunks of {chunk}");
            Approx.Equal(result.Loss / Math.Log(2), result.Bpc, 1e-15, "bpc");
            Approx.Equal(Math.Exp(result.Loss), result.Perplexity, 1e-12, "perplexity");
            Assert.Equal(22, result.Chars);
            Assert.Equal(3, result.Skipped);
        }
        Assert.True(model.Training, "the Training flag is restored");
    }

    [Fact]
    public void Evaluate_RejectsTooShortATextAndABadChunk()
    {
        var model = new CharLanguageModel<float>(Config("rnn", 0), new Random(94));
        Assert.Throws<ArgumentException>(() => CharLanguageModelEvaluator.Evaluate(model, [1], 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => CharLanguageModelEvaluator.Evaluate(model, [1, 2], 0));
    }
}

/// <summary>
/// The evaluator agrees with tools/reference/charlm_eval.py (PyTorch) on checkpoints Recurrent wrote
/// (Fixtures/charlm/eval: a 2-layer LSTM with E = 8 and dropout 0.2, a 2-layer one-hot GRU, H = 16, V = 40, both
/// trained briefly on text.txt, whose 9 digits and 'ï' are outside the vocabulary): chunks of 256, state carried.
/// </summary>
public class CharLanguageModelEvaluatorTorchAgreementTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static string Fixture(string name) =>
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "charlm", "eval", name);

    [Theory]
    [InlineData("lstm-embedding")]
    [InlineData("gru-onehot")]
    public void Evaluate_AgreesWithThePyTorchScript(string model)
    {
        using var expected = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Fixture("expected.json")));
        var reference = expected.RootElement.GetProperty(model).GetProperty("float64");
        double torchLoss = reference.GetProperty("loss").GetDouble();

        var (_, vocabulary, single) = CharLanguageModelCheckpoint.Load(Fixture(model + ".safetensors"));
        var (_, _, wide) = CharLanguageModelCheckpoint.Load<double>(Fixture(model + ".safetensors"));
        var (indices, skipped) = Encode(File.ReadAllText(Fixture("text.txt")), vocabulary);
        var ours = CharLanguageModelEvaluator.Evaluate(single, indices, 256, skipped);
        var ours64 = CharLanguageModelEvaluator.Evaluate(wide, indices, 256, skipped);
        output.WriteLine($"{model}: torch float64 {torchLoss:R}, ours float32 {ours.Loss:R} (relative " +
            $"{Math.Abs(ours.Loss - torchLoss) / torchLoss:E2}), ours float64 {ours64.Loss:R} (relative " +
            $"{Math.Abs(ours64.Loss - torchLoss) / torchLoss:E2})");
        Assert.Equal(reference.GetProperty("chars").GetInt64(), ours.Chars);
        Assert.Equal(reference.GetProperty("skipped").GetInt64(), ours.Skipped);
        Approx.Equal(torchLoss, ours.Loss, 1e-6 * torchLoss, "float32 loss against PyTorch's float64");
        Approx.Equal(torchLoss, ours64.Loss, 1e-12 * torchLoss, "float64 loss against PyTorch's float64");
        Approx.Equal(reference.GetProperty("bpc").GetDouble(), ours64.Bpc, 1e-12 * ours64.Bpc, "bpc");
    }

    /// <summary>The script's encoding: code points looked up in the vocabulary, unknown ones left out and
    /// counted.</summary>
    private static (int[] Indices, int Skipped) Encode(string text, IReadOnlyList<string> vocabulary)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < vocabulary.Count; i++) index[vocabulary[i]] = i;
        var ids = new List<int>();
        int skipped = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (index.TryGetValue(rune.ToString(), out int id)) ids.Add(id);
            else skipped++;
        }
        return ([.. ids], skipped);
    }
}
