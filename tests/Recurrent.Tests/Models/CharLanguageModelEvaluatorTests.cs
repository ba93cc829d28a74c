using Recurrent.Models;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using static Recurrent.Tests.Models.CharModels;

namespace Recurrent.Tests.Models;

/// <summary>The evaluator is one stream with its state carried: its result is one long Forward's mean NLL, whatever the chunk.</summary>
public class CharLanguageModelEvaluatorTests
{
    [Theory]
    [InlineData("lstm", 0)]
    [InlineData("gru", 3)]
    public void Evaluate_EqualsOneLongForward_ForEveryChunkLength(string family, int embedding)
    {
        var model = new CharLanguageModel<double>(Config(family, embedding, dropout: 0.5), new Random(91), new Random(92));
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
