using Recurrent.Data;
using Recurrent.Sequences;

namespace Recurrent.Tests.Sequences;

/// <summary>
/// The general trainer: it learns a small many-to-one problem and a per-step one, a run stopped and resumed ends with
/// the weights of the run never stopped (bit for bit, dropout and a mid-epoch stop included), early stopping and
/// cancellation stop with the last checkpoint on disk, and data that does not fit the model is refused with a message
/// that says what the model expects.
/// </summary>
public sealed class SequenceTrainerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sequence-trainer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Class 1 when the first feature sums above 0 over the sequence; lengths 2–9; balanced by
    /// construction.</summary>
    internal static SequenceDataset SignOfSum(int count, int seed)
    {
        var rng = new Random(seed);
        var examples = new List<SequenceExample>();
        for (int i = 0; i < count; i++)
        {
            int length = rng.Next(2, 10);
            var x = new float[length * 2];
            for (int k = 0; k < x.Length; k++) x[k] = (float)(rng.NextDouble() * 2 - 1);
            float sum = 0;
            for (int t = 0; t < length; t++) sum += x[2 * t];
            examples.Add(SequenceExample.FromFeatures(x, 2, SequenceTarget.Class(sum > 0 ? 1 : 0)));
        }
        return new SequenceDataset(examples, ["negative", "positive"]);
    }

    [Fact]
    public void Fit_LearnsAManyToOneProblem_AndBeatsTheMajorityClass()
    {
        var train = SignOfSum(256, 1);
        var validation = SignOfSum(128, 2);
        var model =
            new SequenceModel(new SequenceModelOptions { InputSize = 2, HiddenSize = 12, OutputSize = 2 }, seed: 3);
        var report =
            new SequenceTrainer(model, new SequenceTrainerOptions { Epochs = 25, LearningRate = 0.01, BatchSize = 16 })
            .Fit(train, validation);
        double majority = Math.Max(validation.Examples.Count(e => e.Target.ClassId == 1), validation.Examples.Count(e =>
            e.Target.ClassId == 0))
            / (double)validation.Count;
        Assert.True(report.ValidationMetric > 0.9,
            $"validation accuracy {report.ValidationMetric:F3} (majority {majority:F3})");
        Assert.True(report.ValidationMetric > majority + 0.2);
        Assert.Equal("completed 25 epochs", report.StopReason);
    }

    [Fact]
    public void Fit_PerStepTargets_UseTheMask_AndTheLossFalls()
    {
        // per step: the running sign of the first feature's sum so far
        var rng = new Random(5);
        var examples = Enumerable.Range(0, 64).Select(_ =>
        {
            int length = rng.Next(2, 8);
            var x = new float[length];
            var y = new int[length];
            float sum = 0;
            for (int t = 0; t < length; t++) { x[t] = (float)(rng.NextDouble() * 2 - 1); sum += x[t]; y[t] = sum > 0 ? 1
                : 0; }
            return SequenceExample.FromFeatures(x, 1, SequenceTarget.StepClasses(y));
        });
        var data = new SequenceDataset(examples, ["down", "up"]);
        var model = new SequenceModel(new SequenceModelOptions
        {
            InputSize = 1, HiddenSize = 8, OutputSize = 2, Head = HeadKind.PerStep,
                Cell = Recurrent.Layers.Recurrent.CellKind.Gru,
        }, seed: 2);
        var losses = new List<double>();
        new SequenceTrainer(model, new SequenceTrainerOptions { Epochs = 20, LearningRate = 0.01, BatchSize = 8 })
            .Fit(data, data, new Progress(p => losses.Add(p.Loss)));
        double first = losses.Take(8).Average(), last = losses.TakeLast(8).Average();
        Assert.True(last < 0.6 * first, $"mean loss of the first 8 steps {first:F3}, of the last 8 {last:F3}");
    }

    [Fact]
    public void StoppedMidEpochAndResumed_EndsWithTheWeightsOfTheStraightRun_BitForBit()
    {
        var train = SignOfSum(40, 7); // 5 batches of 8 per epoch: steps 7 and 13 stop inside an epoch
        var options =
            new SequenceModelOptions { InputSize = 2, HiddenSize = 6, NumLayers = 2, Dropout = 0.3, OutputSize = 2 };
        string straight = Path.Combine(_directory, "straight"), split = Path.Combine(_directory, "split");
        SequenceTrainerOptions Run(string directory, long steps) => new()
        {
            MaxSteps = steps, Epochs = null, BatchSize = 8, CheckpointDirectory = directory, LearningRate = 0.01,
        };
        new SequenceTrainer(new SequenceModel(options, seed: 9), Run(straight, 13)).Fit(train, train);
        new SequenceTrainer(new SequenceModel(options, seed: 9), Run(split, 7)).Fit(train, train);
        var resumed = SequenceTrainer.Resume(split, Run(split, 13));
        Assert.Equal(7, resumed.Step);
        var report = resumed.Fit(train, train);
        Assert.Equal(6, report.StepsThisRun);
        Assert.True(File.ReadAllBytes(Path.Combine(straight, "last.safetensors"))
            .AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(split, "last.safetensors"))),
                "weights differ after a resume");
    }

    [Theory]
    [InlineData(1)] // stopped by its epoch limit, exactly at an epoch's end: the next epoch must draw a new order
    [InlineData(2)]
    public void StoppedAtAnEpochsEndAndResumed_EndsWithTheWeightsOfTheStraightRun_BitForBit(int stopAfter)
    {
        var train = SignOfSum(40, 7); // 5 batches of 8 an epoch
        var options = new SequenceModelOptions { InputSize = 2, HiddenSize = 6, OutputSize = 2 };
        string straight = Path.Combine(_directory, "straight"), split = Path.Combine(_directory, "split");
        SequenceTrainerOptions Run(string directory, int epochs) => new()
        {
            Epochs = epochs, BatchSize = 8, CheckpointDirectory = directory, LearningRate = 0.01,
        };
        new SequenceTrainer(new SequenceModel(options, seed: 9), Run(straight, 3)).Fit(train, train);
        new SequenceTrainer(new SequenceModel(options, seed: 9), Run(split, stopAfter)).Fit(train, train);
        SequenceTrainer.Resume(split, Run(split, 3)).Fit(train, train);
        Assert.True(File.ReadAllBytes(Path.Combine(straight, "last.safetensors"))
            .AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(split, "last.safetensors"))),
                $"weights differ after a resume at the end of epoch {stopAfter}");
    }

    [Fact]
    public void Patience_StopsEarly_AndTheBestCheckpointIsThere()
    {
        var train = SignOfSum(32, 11);
        var model =
            new SequenceModel(new SequenceModelOptions { InputSize = 2, HiddenSize = 4, OutputSize = 2 }, seed: 1);
        var report = new SequenceTrainer(model, new SequenceTrainerOptions
        {
            Epochs = 50, Patience = 2, MinImprovement = 0.5, LearningRate = 1e-6, CheckpointDirectory = _directory,
        }).Fit(train, train);
        Assert.Contains("did not improve in 2 evaluations", report.StopReason);
        Assert.Equal(3, (int)report.Epochs);
        Assert.True(File.Exists(Path.Combine(_directory, "best.safetensors")));
        Assert.Equal(1, report.BestStep); // the first evaluation, after one epoch of one batch of 32
    }

    [Fact]
    public void Cancellation_WritesTheLastCheckpoint_ThenThrows()
    {
        var train = SignOfSum(64, 12);
        var model =
            new SequenceModel(new SequenceModelOptions { InputSize = 2, HiddenSize = 4, OutputSize = 2 }, seed: 1);
        using var cancel = new CancellationTokenSource();
        var trainer =
            new SequenceTrainer(model, new SequenceTrainerOptions { Epochs = 5, CheckpointDirectory = _directory });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            trainer.Fit(train, null, new Progress(p => { if (p.Step == 3) cancel.Cancel(); }), cancel.Token));
        Assert.Equal(3, SequenceTrainer.Resume(_directory, new SequenceTrainerOptions { Epochs = 5 }).Step);
    }

    [Fact]
    public void DataThatDoesNotFitTheModel_IsRefusedWithWhatTheModelExpects()
    {
        var train = SignOfSum(16, 13);
        var wide = new SequenceModel(new SequenceModelOptions { InputSize = 3, HiddenSize = 4, OutputSize = 2 });
        var e = Assert.Throws<ArgumentException>(() =>
            new SequenceTrainer(wide, new SequenceTrainerOptions()).Fit(train));
        Assert.Contains("F = 3 features per step, the data has 2", e.Message);
        var perStep =
            new SequenceModel(new SequenceModelOptions { InputSize = 2, HiddenSize = 4, OutputSize = 2,
            Head = HeadKind.PerStep });
        e = Assert.Throws<ArgumentException>(() =>
            new SequenceTrainer(perStep, new SequenceTrainerOptions()).Fit(train));
        Assert.Contains("Class targets need a PerSequence head", e.Message);
        e = Assert.Throws<ArgumentException>(() =>
            new SequenceTrainer(wide, new SequenceTrainerOptions { BatchSize = 0 }));
        Assert.Contains("BatchSize", e.Message);
        var onlyPatience = new SequenceTrainerOptions { Epochs = null, Patience = 2 };
        var model = new SequenceModel(new SequenceModelOptions { InputSize = 2, HiddenSize = 4, OutputSize = 2 });
        e = Assert.Throws<ArgumentException>(() => new SequenceTrainer(model, onlyPatience).Fit(train));
        Assert.Contains("Patience needs validation data", e.Message);
    }

    /// <summary>Reports on the calling thread (System.Progress posts to the thread pool, out of order).</summary>
    private sealed class Progress(Action<SequenceTrainingProgress> report) : IProgress<SequenceTrainingProgress>
    {
        public void Report(SequenceTrainingProgress value) => report(value);
    }
}
