using System.Runtime.InteropServices;
using Recurrent.Layers.Recurrent;
using Recurrent.Optimizers;
using Recurrent.Parameters;
using Recurrent.Sequences;
using Recurrent.Tests.Training;
using Recurrent.Training;

namespace Recurrent.Tests.Sequences;

/// <summary>
/// The stream mode of the general trainer (truncated BPTT over parallel streams): it trains the character model's
/// network to the very bits <see cref="CharModelTrainer"/> reaches (both run their steps through one engine), its
/// validation losses are the character trainer's, and a run stopped and resumed ends with the weights of the run never
/// stopped, bit for bit (the carried state and the dropout source included).
/// </summary>
public sealed class SequenceTrainerStreamTests : IDisposable
{
    // 14 steps cross the wrap (11 batches per epoch of the tiny text at B 4, T 8): the state reset and the decay too.
    private const int Total = 14, Half = 7;
    private readonly string _directory = Directory.CreateTempSubdirectory("sequence-streams-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CharTrainingOptions CharOptions(CellKind cell) =>
        TinyTraining.Options(cell, Total) with { LearningRateDecay = 0.9 };

    private static SequenceTrainerOptions StreamOptions(CharTrainingOptions o, long maxSteps, string? directory) =>
        new()
        {
            Optimizer = OptimizerKind.RmsProp, LearningRate = o.LearningRate, LearningRateDecay = o.LearningRateDecay,
            GradientClip = o.GradientClip, BatchSize = o.BatchSize, Epochs = null, MaxSteps = maxSteps,
            EvaluateEvery = o.EvalEvery, CheckpointDirectory = directory,
        };

    /// <summary>The character model's network with its initial weights and dropout source, as a
    /// SequenceModel.</summary>
    private static SequenceModel CharNetwork(CharTrainingOptions o, int vocabulary)
    {
        var dropout = new ResumableRandom(o.Seed + 1L);
        var network = new SequenceNetwork<float>(o.ModelConfig(vocabulary).ToSequenceOptions(),
            new ResumableRandom(o.Seed), dropout);
        return new SequenceModel(network) { DropoutRandom = dropout };
    }

    [Theory]
    [InlineData(CellKind.Lstm)] // with dropout: the masks must be drawn alike
    [InlineData(CellKind.Gru)]
    public void FitStreams_ReachesTheWeightsOfCharModelTrainer_BitForBit(CellKind cell)
    {
        var data = TinyTraining.Data();
        var options = CharOptions(cell);
        var charTrainer = CharModelTrainer.Start(data, options, Path.Combine(_directory, "char"));
        charTrainer.Train();

        var model = CharNetwork(options, data.Vocabulary.Count);
        var validations = new List<double>();
        var report = new SequenceTrainer(model, StreamOptions(options, Total, null)).FitStreams(data.Train,
            data.Validation, options.SequenceLength, new SyncProgress(p =>
            {
                if (p.ValidationLoss is double v) validations.Add(v);
            }));

        Assert.Equal(Total, report.Steps);
        var expected = MemoryMarshal.AsBytes<float>(charTrainer.Model.Parameters.Values);
        var actual = MemoryMarshal.AsBytes<float>(model.Parameters.Values);
        Assert.True(expected.SequenceEqual(actual), "the stream mode's weights differ from CharModelTrainer's");
        // the character trainer's curve holds its validation losses at steps 4, 8, 12 (and 14, the final one)
        var charValidations = charTrainer.Curve.Where(p => p.ValidationLoss is not null && p.Step % 4 == 0)
            .Select(p => BitConverter.DoubleToInt64Bits(p.ValidationLoss!.Value)).ToArray();
        Assert.Equal(charValidations, validations.Select(BitConverter.DoubleToInt64Bits).ToArray());
    }

    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void FitStreams_StoppedAndResumed_EndsWithTheWeightsOfTheStraightRun_BitForBit(CellKind cell)
    {
        var data = TinyTraining.Data();
        var options = CharOptions(cell);
        string straight = Path.Combine(_directory, "straight"), split = Path.Combine(_directory, "split");
        new SequenceTrainer(CharNetwork(options, data.Vocabulary.Count), StreamOptions(options, Total, straight))
            .FitStreams(data.Train, data.Validation, options.SequenceLength);

        new SequenceTrainer(CharNetwork(options, data.Vocabulary.Count), StreamOptions(options, Half, split))
            .FitStreams(data.Train, data.Validation, options.SequenceLength);
        var resumed = SequenceTrainer.Resume(split, StreamOptions(options, Total, null));
        Assert.Equal(Half, resumed.Step);
        var report = resumed.FitStreams(data.Train, data.Validation, options.SequenceLength);

        Assert.Equal(Total, report.Steps);
        Assert.Equal(Total - Half, report.StepsThisRun);
        Assert.True(File.ReadAllBytes(Path.Combine(straight, "last.safetensors")).AsSpan()
            .SequenceEqual(File.ReadAllBytes(Path.Combine(split, "last.safetensors"))),
            "weights differ after a resume");
        var a = TrainingState.Load(Path.Combine(straight, "last.state.safetensors"));
        var b = TrainingState.Load(Path.Combine(split, "last.state.safetensors"));
        foreach (string name in a.TensorNames)
            Assert.True(MemoryMarshal.AsBytes<float>(a.GetTensor<float>(name).Span)
                .SequenceEqual(MemoryMarshal.AsBytes<float>(b.GetTensor<float>(name).Span)), $"{name} differs");
        Assert.Contains("hidden.h", a.TensorNames);
    }

    [Fact]
    public void FitStreams_RefusesAModelThatIsNotALanguageModel()
    {
        var model = new SequenceModel(new SequenceModelOptions
        {
            Input = InputKind.Tokens, InputSize = 5, HiddenSize = 4, OutputSize = 3, Head = HeadKind.PerStep,
        });
        var error = Assert.Throws<ArgumentException>(() =>
            new SequenceTrainer(model, new SequenceTrainerOptions { MaxSteps = 1 })
                .FitStreams(new int[100], null, 8));
        Assert.Contains("K = V", error.Message);
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<SequenceTrainingProgress> report) : IProgress<SequenceTrainingProgress>
    {
        public void Report(SequenceTrainingProgress value) => report(value);
    }
}
