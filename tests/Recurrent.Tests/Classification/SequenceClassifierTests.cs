using Recurrent.Classification;
using Recurrent.Data;
using Recurrent.Layers.Recurrent;
using Recurrent.Sequences;
using Recurrent.Tests.Data;

namespace Recurrent.Tests.Classification;

/// <summary>The classifier library: it learns, a saved file predicts the same, and padding never changes a
/// prediction (a sequence scored alone equals the same sequence padded in a batch of longer ones).</summary>
public sealed class SequenceClassifierTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private SequenceDataset Text(int count, int seed) =>
        ClassificationData.Read(_files.Write($"text-{seed}.tsv", ClassifyFixtures.LastLetterTsv(count, seed)));

    [Fact]
    public void OnText_LearnsTheLastLetterRule_AndBeatsTheMajorityClass()
    {
        var train = Text(240, 1);
        var classifier = SequenceClassifier.Create(train, new SequenceModelOptions { HiddenSize = 12 }, seed: 3);
        var test = ClassificationData.Read(_files.Write("test.tsv", ClassifyFixtures.LastLetterTsv(100, 2)),
            classifier);
        classifier.Train(train, null, new SequenceTrainerOptions { Epochs = 25, LearningRate = 0.02, BatchSize = 16 });
        var report = classifier.Evaluate(test);
        double majority = new MajorityClassBaseline(train.Examples.Select(e => e.Target.ClassId), 2)
            .Accuracy(test.Examples.Select(e => e.Target.ClassId).ToArray());
        // The rule is exact, so a learned model is near 100%; 95% leaves room for a seed that trains slower.
        Assert.True(report.Accuracy >= 0.95, $"accuracy {report.Accuracy:P1} (majority {majority:P1})");
        Assert.True(report.Accuracy > majority + 0.2, $"accuracy {report.Accuracy:P1}, majority {majority:P1}");
        Assert.Equal(100, report.Examples);
    }

    [Theory]
    [InlineData(PoolingKind.Last, false)]
    [InlineData(PoolingKind.Mean, true)]
    [InlineData(PoolingKind.Max, true)]
    [InlineData(PoolingKind.Attention, false)]
    [InlineData(PoolingKind.Attention, true)]
    public void Padding_NeverChangesAPrediction(PoolingKind pooling, bool bidirectional)
    {
        var data = Text(40, 4); // lengths 2–6: batches pad the shorter ones
        var classifier = SequenceClassifier.Create(data, new SequenceModelOptions
        {
            Cell = CellKind.Gru, HiddenSize = 6, Pooling = pooling, Bidirectional = bidirectional,
        }, seed: 5);
        var batched = classifier.PredictAll(data);
        for (int i = 0; i < data.Count; i++)
        {
            var alone = classifier.Predict(data.Vocabulary!.Decode(data.Examples[i].Tokens));
            // The same arithmetic on the valid steps; a batch's GEMM may sum in another order, hence 1e-5.
            for (int k = 0; k < 2; k++)
                Assert.True(Math.Abs(alone.Probabilities[k] - batched[i].Probabilities[k]) <= 1e-5,
                    $"sequence {i} class {k}: alone {alone.Probabilities[k]}, batched {batched[i].Probabilities[k]}");
        }
    }

    [Fact]
    public void AttentionPooling_ReportsOneWeightPerStep_SummingToOne()
    {
        var data = Text(20, 6);
        var classifier = SequenceClassifier.Create(data,
            new SequenceModelOptions { HiddenSize = 5, Pooling = PoolingKind.Attention }, seed: 2);
        var p = classifier.Predict("abcda");
        Assert.Equal(5, p.AttentionWeights!.Length);
        Assert.True(Math.Abs(p.AttentionWeights.Sum() - 1) <= 1e-5, $"sum {p.AttentionWeights.Sum()}");
        Assert.All(p.AttentionWeights, w => Assert.InRange(w, 0f, 1f));
        Assert.True(Math.Abs(p.Probabilities.Sum() - 1) <= 1e-5);
        Assert.Null(SequenceClassifier.Create(data, new SequenceModelOptions { HiddenSize = 5 }).Predict("ab")
            .AttentionWeights);
    }

    [Fact]
    public void AFileOnDisk_PredictsBitForBitTheSame_WithItsNamesVocabularyAndNormalisation()
    {
        var text = Text(30, 7);
        var textClassifier = SequenceClassifier.Create(text, new SequenceModelOptions { HiddenSize = 4 });
        string textFile = _files.PathOf("text.safetensors");
        textClassifier.Model.Save(textFile);
        var loadedText = SequenceClassifier.Load(textFile);
        Assert.Equal(textClassifier.ClassNames, loadedText.ClassNames);
        Assert.Equal(textClassifier.Predict("bead").Probabilities, loadedText.Predict("bead").Probabilities);

        var features = ClassificationData.Read(_files.Write("sign.csv", ClassifyFixtures.SignCsv(30, 8)));
        var featureClassifier = SequenceClassifier.Create(features, new SequenceModelOptions { HiddenSize = 4 });
        string featureFile = _files.PathOf("sign.safetensors");
        featureClassifier.Model.Save(featureFile);
        var loaded = SequenceClassifier.Load(featureFile);
        float[] x = [0.3f, 0.9f, -0.7f, 0.1f, 0.2f, 0.5f];
        Assert.Equal(featureClassifier.Predict(x).Probabilities, loaded.Predict(x).Probabilities);
        Assert.False(loaded.ReadsText);
    }

    [Fact]
    public void Features_AreNormalisedWithTheTrainingStatistics()
    {
        var features = ClassificationData.Read(_files.Write("sign.csv", ClassifyFixtures.SignCsv(50, 9)));
        var classifier = SequenceClassifier.Create(features, new SequenceModelOptions { HiddenSize = 4 });
        var prepared = classifier.Prepare(features);
        // Each feature over all training steps: mean 0 and standard deviation 1 after Prepare.
        for (int f = 0; f < 2; f++)
        {
            double[] values = [.. prepared.Examples.SelectMany(e => e.Features!.Where((_, i) => i % 2 == f))
                .Select(v => (double)v)];
            double mean = values.Average();
            double sd = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
            Assert.True(Math.Abs(mean) <= 1e-4 && Math.Abs(sd - 1) <= 1e-3, $"feature {f}: mean {mean}, sd {sd}");
        }
    }

    [Fact]
    public void WrongInput_IsRefusedWithAReason()
    {
        var text = Text(20, 10);
        var textClassifier = SequenceClassifier.Create(text, new SequenceModelOptions { HiddenSize = 4 });
        Assert.Contains("reads text", Assert.Throws<ArgumentException>(() => textClassifier.Predict([1f, 2f])).Message);
        Assert.Contains("empty text", Assert.Throws<ArgumentException>(() => textClassifier.Predict("")).Message);
        Assert.Contains("none in", Assert.Throws<ArgumentException>(() => textClassifier.Predict("zzz")).Message);

        var features = ClassificationData.Read(_files.Write("sign.csv", ClassifyFixtures.SignCsv(20, 11)));
        var featureClassifier = SequenceClassifier.Create(features, new SequenceModelOptions { HiddenSize = 4 });
        Assert.Contains("multiple of 2",
            Assert.Throws<ArgumentException>(() => featureClassifier.Predict([1f, 2f, 3f])).Message);
        Assert.Contains("reads features", Assert.Throws<ArgumentException>(() => featureClassifier.Prepare(text))
            .Message);
    }
}
