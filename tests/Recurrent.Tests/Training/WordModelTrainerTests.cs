using Recurrent.Data;
using Recurrent.Layers.Recurrent;
using Recurrent.Models;
using Recurrent.Tests.Support;
using Recurrent.Training;

namespace Recurrent.Tests.Training;

/// <summary>The trainer on word tokens: PyTorch's annealing (rate ÷ 4 after a validation that is not a new best) and
/// a resume that ends on the bits of the straight run, annealing state included.</summary>
public sealed class WordModelTrainerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("word-trainer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CharTrainingData Data() => CharTrainingData.Create(
        TextCorpus.FromText(TinyTraining.Text + TinyTraining.Text, "train"), TextCorpus.FromText(TinyTraining.OtherText,
            "valid"), new TextTokenization(TokenKind.Words));

    private static CharTrainingOptions Options(long steps) => new()
    {
        Tokens = new TextTokenization(TokenKind.Words), Model = CellKind.Lstm, Embedding = 8, HiddenSize = 8,
        NumLayers = 2, TieWeights = true, Dropout = 0.2, EmbeddingDropout = 0.2, OutputDropout = 0.2, InitRange = 0.1,
        BatchSize = 2, SequenceLength = 5, Optimizer = "sgd", LearningRate = 20, AnnealFactor = 4,
        GradientClip = 0.25, MaxSteps = steps, EvalEvery = 2, SampleEvery = 0, CurveEvery = 2, SampleLength = 5,
        FinalSampleLength = 5,
    };

    [Fact]
    public void Annealing_DividesTheRateByFour_AfterEachValidationThatIsNotANewBest()
    {
        var reports = new List<CharTrainingProgress>();
        CharModelTrainer.Start(Data(), Options(30), _directory)
            .Train(new SyncProgress<CharTrainingProgress>(reports.Add));
        double best = double.PositiveInfinity;
        int annealed = 0;
        for (int i = 0; i + 1 < reports.Count; i++)
        {
            double rate = reports[i].LearningRate, next = reports[i + 1].LearningRate;
            if (reports[i].ValidationLoss is not double v)
            {
                Assert.Equal(rate, next);
                continue;
            }
            bool newBest = v < best;
            best = Math.Min(best, v);
            Assert.Equal(newBest ? rate : rate / 4, next, 12);
            if (!newBest) annealed++;
        }
        Assert.True(annealed > 0, "lr 20 on a tiny text should stall the validation loss at least once in 30 steps");
    }

    [Fact]
    public void StoppedAndResumed_EndsWithTheWeightsOfTheStraightRun_BitForBit()
    {
        const int total = 16, half = 7;
        string straight = Path.Combine(_directory, "straight"), split = Path.Combine(_directory, "split");
        CharModelTrainer.Start(Data(), Options(total), straight).Train();
        CharModelTrainer.Start(Data(), Options(half), split).Train();
        var resumed = CharModelTrainer.Resume(Data(), Options(total), split, split);
        Assert.Equal(half, resumed.Step);
        resumed.Train();
        Assert.True(File.ReadAllBytes(Path.Combine(straight, "last.safetensors")).AsSpan()
            .SequenceEqual(File.ReadAllBytes(Path.Combine(split, "last.safetensors"))),
                "weights differ after a resume");
        var (config, vocabulary, _) =
            CharLanguageModelCheckpoint.LoadWithTokens(Path.Combine(split, "last.safetensors"));
        Assert.True(config.TieWeights);
        Assert.IsType<WordVocabulary>(vocabulary);
    }

    [Fact]
    public void Resume_WithCharactersInsteadOfWords_IsRefused()
    {
        CharModelTrainer.Start(Data(), Options(4), _directory).Train();
        var chars = CharTrainingData.Create(TextCorpus.FromText(TinyTraining.Text + TinyTraining.Text, "train"),
            TextCorpus.FromText(TinyTraining.OtherText, "valid"), TextTokenization.Chars);
        var e = Assert.ThrowsAny<Exception>(() => CharModelTrainer.Resume(chars,
            Options(8) with { Tokens = TextTokenization.Chars }, _directory, _directory));
        Assert.True(e is InvalidDataException, e.ToString());
        Assert.Contains("tokens", e.Message);
    }
}
