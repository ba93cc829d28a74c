using Recurrent.Data;
using Recurrent.Losses;
using Recurrent.Sequences;
using Recurrent.Tensors;

namespace Recurrent.Tests.Sequences;

/// <summary>
/// The trainer's <see cref="SequenceTrainerOptions.ClassWeights"/>: on an imbalanced toy set inverse-frequency weights
/// raise the minority class's recall well above an unweighted run's, and weights that do not fit are refused with a
/// message that says what was expected.
/// </summary>
public class SequenceTrainerClassWeightTests
{
    private const int Steps = 4;

    /// <summary>
    /// Sequences of 4 steps, 1 feature: class 1 (about 10%) draws each step from N(0.6, 1), class 0 from N(0, 1). The
    /// classes overlap (the sums differ by 2.4 with a spread of 2), so the unweighted Bayes rule says class 1 only
    /// for sums above ≈ 4.9 (recall ≈ 0.11), the balanced one above 1.2 (recall ≈ 0.73).
    /// </summary>
    private static SequenceDataset Imbalanced(int count, int seed)
    {
        var rng = new Random(seed);
        var examples = new List<SequenceExample>();
        for (int i = 0; i < count; i++)
        {
            int c = rng.NextDouble() < 0.1 ? 1 : 0;
            var x = new float[Steps];
            for (int t = 0; t < Steps; t++) x[t] = (float)(0.6 * c + Gaussian(rng));
            examples.Add(SequenceExample.FromFeatures(x, 1, SequenceTarget.Class(c)));
        }
        return new SequenceDataset(examples, ["common", "rare"]);
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>The share of class-1 sequences predicted as class 1.</summary>
    private static double MinorityRecall(SequenceModel model, SequenceDataset data)
    {
        int b = data.Count;
        var x = new Tensor<float>(Steps, b, 1); // (T, B, F)
        for (int i = 0; i < b; i++)
            for (int t = 0; t < Steps; t++) x.Span[t * b + i] = data.Examples[i].Features![t];
        var logits = model.Predict(x); // (B, 2)
        int rare = 0, found = 0;
        for (int i = 0; i < b; i++)
        {
            if (data.Examples[i].Target.ClassId != 1) continue;
            rare++;
            if (logits.Span[2 * i + 1] > logits.Span[2 * i]) found++;
        }
        return found / (double)rare;
    }

    private static double TrainAndRecall(float[]? classWeights, SequenceDataset train, SequenceDataset test)
    {
        var model = new SequenceModel(new SequenceModelOptions { InputSize = 1, HiddenSize = 8, OutputSize = 2 },
            seed: 4);
        new SequenceTrainer(model, new SequenceTrainerOptions
        {
            Epochs = 12, LearningRate = 0.01, BatchSize = 32, ClassWeights = classWeights, Seed = 5,
        }).Fit(train);
        return MinorityRecall(model, test);
    }

    [Fact]
    public void InverseFrequencyWeights_RaiseMinorityRecall()
    {
        var train = Imbalanced(400, 1);
        var test = Imbalanced(1000, 2);
        float[] weights = ClassWeights.InverseFrequency(train);
        Assert.True(weights[1] > 3 * weights[0], $"weights ({weights[0]}, {weights[1]})");
        double plain = TrainAndRecall(null, train, test), weighted = TrainAndRecall(weights, train, test);
        Assert.True(weighted > plain + 0.25 && weighted > 0.5,
            $"minority recall {weighted:F3} with class weights, {plain:F3} without");
    }

    [Fact]
    public void ValidationLoss_UsesTheClassWeights()
    {
        var data = Imbalanced(64, 3);
        float[] weights = [1f, 5f];
        var model = new SequenceModel(new SequenceModelOptions { InputSize = 1, HiddenSize = 4, OutputSize = 2 },
            seed: 1);
        var report = new SequenceTrainer(model, new SequenceTrainerOptions
        {
            MaxSteps = 1, Epochs = null, EvaluateEvery = 1, BatchSize = 64, ClassWeights = weights, Shuffle = false,
                LearningRate = 1e-9,
        }).Fit(data, data);
        // the whole set in one batch: the validation loss is the weighted loss of the model's outputs
        int b = data.Count;
        var x = new Tensor<float>(Steps, b, 1);
        for (int i = 0; i < b; i++)
            for (int t = 0; t < Steps; t++) x.Span[t * b + i] = data.Examples[i].Features![t];
        int[] ids = data.Examples.Select(e => e.Target.ClassId).ToArray();
        double expected = new CrossEntropyLoss<float>(classWeights: weights).Compute(model.Predict(x), ids);
        double unweighted = new CrossEntropyLoss<float>().Compute(model.Predict(x), ids);
        Assert.Equal(expected, report.ValidationLoss!.Value, 1e-5);
        Assert.NotEqual(unweighted, report.ValidationLoss!.Value, 1e-3);
    }

    [Fact]
    public void WeightsThatDoNotFit_AreRefused_WithWhatWasExpected()
    {
        var data = Imbalanced(16, 4);
        var model = new SequenceModel(new SequenceModelOptions { InputSize = 1, HiddenSize = 4, OutputSize = 2 },
            seed: 1);
        var e = Assert.Throws<ArgumentException>(() =>
            new SequenceTrainer(model, new SequenceTrainerOptions { ClassWeights = [1f, 2f, 3f] }).Fit(data));
        Assert.Equal("ClassWeights: expected one per output, K = 2, got 3", e.Message);

        e = Assert.Throws<ArgumentException>(() => new SequenceTrainer(model,
            new SequenceTrainerOptions { ClassWeights = [1f, -2f] }));
        Assert.Contains("got [1] = -2", e.Message);
        Assert.Equal("ClassWeights", e.ParamName);

        e = Assert.Throws<ArgumentException>(() => new SequenceTrainer(model,
            new SequenceTrainerOptions { ClassWeights = [1f, 2f], Loss = LossKind.MeanSquaredError }).Fit(data));
        Assert.Equal("ClassWeights: only the cross-entropy takes class weights, the loss is mse", e.Message);

        var language = new SequenceModel(new SequenceModelOptions
        {
            Input = InputKind.Tokens, InputSize = 5, HiddenSize = 4, OutputSize = 5, Head = HeadKind.PerStep,
        }, seed: 1);
        e = Assert.Throws<ArgumentException>(() => new SequenceTrainer(language,
            new SequenceTrainerOptions { ClassWeights = [1f, 1f, 1f, 1f, 2f], MaxSteps = 1 })
            .FitStreams(new int[100], null, 8));
        Assert.Equal("ClassWeights: streams train a language model, without class weights", e.Message);
    }
}
