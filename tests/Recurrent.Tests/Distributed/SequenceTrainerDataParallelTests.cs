using Recurrent.Data;
using Recurrent.Sequences;

namespace Recurrent.Tests.Distributed;

/// <summary>
/// <see cref="SequenceTrainerOptions.Communicator"/> in the library, with ranks as threads (<see cref="ThreadGroup"/>,
/// no Open MPI needed): N ranks follow the loss curve of one process step by step within 1e-5 relative (only the
/// order of float32 sums differs), end with bit-identical weights on every rank, start from rank 0's weights whatever
/// theirs were, and a checkpoint written by N ranks resumes on another number of ranks along the same curve.
/// Per-step targets of varied lengths with class weights: the ranks' shares differ in counted steps and class weight
/// (a batch of 5 splits 2 + 3 or 1 + 2 + 2, and the last batch of 1 leaves ranks empty), so a 1/N average of the
/// ranks' means would fail the test.
/// </summary>
public sealed class SequenceTrainerDataParallelTests : IDisposable
{
    private const double Tolerance = 1e-5; // relative, on every step's training loss and every validation loss
    private readonly string _directory = Directory.CreateTempSubdirectory("sequence-parallel-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The running sign of the feature's sum, per step; lengths 2–8. 41 sequences: 8 batches of 5 and one
    /// of 1.</summary>
    private static SequenceDataset RunningSign(int count, int seed)
    {
        var rng = new Random(seed);
        var examples = Enumerable.Range(0, count).Select(_ =>
        {
            int length = rng.Next(2, 9);
            var x = new float[length];
            var y = new int[length];
            float sum = 0;
            for (int t = 0; t < length; t++)
            {
                x[t] = (float)(rng.NextDouble() * 2 - 1);
                sum += x[t];
                y[t] = sum > 0 ? 1 : 0;
            }
            return SequenceExample.FromFeatures(x, 1, SequenceTarget.StepClasses(y));
        });
        return new SequenceDataset(examples, ["down", "up"]);
    }

    private static SequenceModel Model(int seed) => new(new SequenceModelOptions
    {
        InputSize = 1, HiddenSize = 6, OutputSize = 2, Head = HeadKind.PerStep,
    }, seed);

    private SequenceTrainerOptions Options(int epochs, string? checkpoints = null) => new()
    {
        Epochs = epochs, LearningRate = 0.02, BatchSize = 5, ClassWeights = [1f, 2.5f], Seed = 4,
        CheckpointDirectory = checkpoints is null ? null : Path.Combine(_directory, checkpoints),
    };

    private readonly SequenceDataset _train = RunningSign(41, 1), _validation = RunningSign(12, 2);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Ranks_FollowTheLossCurveOfOneProcess_WithIdenticalWeights(int ranks)
    {
        var single = new Curve();
        var alone = Model(seed: 7);
        new SequenceTrainer(alone, Options(epochs: 4)).Fit(_train, _validation, single); // 36 steps

        var runs = ThreadGroup.Run(ranks, communicator =>
        {
            var curve = new Curve();
            // other seeds on the other ranks: rank 0's weights must be broadcast for the curves to agree
            var model = Model(seed: 7 + 100 * communicator.Rank);
            new SequenceTrainer(model, Options(epochs: 4) with { Communicator = communicator })
                .Fit(_train, _validation, curve);
            return (curve, Weights: model.Parameters.Values.ToArray());
        });

        Assert.Equal(36, single.Losses.Count);
        AssertSameCurve(single, runs[0].curve);
        for (int r = 1; r < ranks; r++)
        {
            Assert.Empty(runs[r].curve.Losses); // rank 0 reports for all
            Assert.Equal(runs[0].Weights, runs[r].Weights);
        }
    }

    [Fact]
    public void ACheckpointOfTwoRanks_ResumesOnThree_AndInOneProcess_AlongTheSameCurve()
    {
        var straight = new Curve();
        new SequenceTrainer(Model(seed: 7), Options(epochs: 4)).Fit(_train, _validation, straight);

        ThreadGroup.Run(2, communicator => new SequenceTrainer(Model(seed: 7),
            Options(epochs: 2, "two") with { Communicator = communicator }).Fit(_train, _validation));
        var onThree = ThreadGroup.Run(3, communicator =>
        {
            var curve = new Curve();
            // only rank 0 reads the folder (the others get its files) and writes (elsewhere, so "two" stays as it is)
            string directory = communicator.Rank == 0 ? Path.Combine(_directory, "two") : "/nonexistent";
            SequenceTrainer.Resume(directory, Options(epochs: 4, "three") with { Communicator = communicator })
                .Fit(_train, _validation, curve);
            return curve;
        })[0];
        var inOne = new Curve();
        SequenceTrainer.Resume(Path.Combine(_directory, "two"), Options(epochs: 4)).Fit(_train, _validation, inOne);

        var secondHalf = new Curve();
        secondHalf.Losses.AddRange(straight.Losses.Skip(18));
        secondHalf.Validation.AddRange(straight.Validation.Skip(2));
        AssertSameCurve(secondHalf, onThree);
        AssertSameCurve(secondHalf, inOne);
    }

    private static void AssertSameCurve(Curve expected, Curve actual)
    {
        Assert.Equal(expected.Losses.Count, actual.Losses.Count);
        Assert.Equal(expected.Validation.Count, actual.Validation.Count);
        for (int i = 0; i < expected.Losses.Count; i++) AssertClose(expected.Losses[i], actual.Losses[i], $"step {i}");
        for (int i = 0; i < expected.Validation.Count; i++)
            AssertClose(expected.Validation[i], actual.Validation[i], $"validation {i}");
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        double relative = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(relative <= Tolerance, $"{what}: {actual} vs one process {expected}, relative {relative:E2}");
    }

    /// <summary>Every step's training loss and every validation loss, heard synchronously.</summary>
    private sealed class Curve : IProgress<SequenceTrainingProgress>
    {
        public List<double> Losses { get; } = [];
        public List<double> Validation { get; } = [];

        public void Report(SequenceTrainingProgress p)
        {
            if (p.ValidationLoss is double v) Validation.Add(v);
            else Losses.Add(p.Loss);
        }
    }
}
