using CsCheck;
using Recurrent.Data;
using Recurrent.Layers.Recurrent;
using Recurrent.Optimizers;
using Recurrent.Sequences;
using Recurrent.Tests.Sequences;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// Resume equals straight training, over random small configurations (CsCheck, seeds from <see cref="FuzzBudget"/>):
/// any cell, 1–2 layers, one or two directions, any pooling, dropout on the input, between layers and before the
/// head or none, any optimizer, a decaying learning rate, batch sizes 1–8, shuffled or not, with or without
/// validation (evaluated every 1–3 steps or at each epoch's end, with or without patience). A run of
/// <see cref="SequenceTrainer"/> is stopped once or twice at random steps, by its step limit or by cancellation, and
/// resumed from its checkpoint directory each time; it must end with the weights of the run never stopped, bit for
/// bit (tolerance 0), after the same number of steps.
/// </summary>
public sealed class ResumePropertyTests : IDisposable
{
    private const int Cases = 30;
    private readonly string _directory = Directory.CreateTempSubdirectory("resume-property-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly Gen<SequenceModelOptions> Architectures =
        Gen.Select(Gen.Int[0, 2], Gen.Int[1, 4], Gen.Int[1, 2], Gen.Bool, Gen.Int[0, 3], Gen.Int[0, 7],
            (cell, hidden, layers, bidirectional, pooling, dropouts) => new SequenceModelOptions
            {
                InputSize = 2, HiddenSize = hidden, NumLayers = layers, OutputSize = 2, Cell = (CellKind)cell,
                Bidirectional = bidirectional, Pooling = (PoolingKind)pooling,
                InputDropout = (dropouts & 1) != 0 ? 0.2 : 0, OutputDropout = (dropouts & 2) != 0 ? 0.3 : 0,
                Dropout = (dropouts & 4) != 0 && layers > 1 ? 0.25 : 0,
            });

    private static readonly Gen<SequenceTrainerOptions> Trainings =
        Gen.Select(Gen.Int[0, 6], Gen.Int[1, 8], Gen.Bool, Gen.Int[1, 3], Gen.Bool, Gen.Int[0, 3], Gen.Int[0, 100],
            (optimizer, batch, shuffle, epochs, decay, evaluateEvery, seed) => new SequenceTrainerOptions
            {
                Optimizer = (OptimizerKind)optimizer, LearningRate = 0.05, LearningRateDecay = decay ? 0.8 : 1,
                BatchSize = batch, Shuffle = shuffle, Epochs = epochs, EvaluateEvery = evaluateEvery, Seed = seed,
            });

    [Fact]
    public void AStoppedAndResumedRun_EndsWithTheWeightsOfTheStraightRun_BitForBit()
    {
        var cases = Gen.Select(Architectures, Trainings, Gen.Int[4, 20], Gen.Int[0, 2], Gen.Int[0, 1000],
            Gen.Int[1, 60].Array[1, 2], Gen.Bool);
        int run = 0;
        FuzzBudget.ForEachCase(Cases, caseSeed => cases.Sample(
            (architecture, training, examples, validation, seed, stops, cancel) =>
        {
            var train = SequenceTrainerTests.SignOfSum(examples, seed);
            var check = validation == 0 ? null : SequenceTrainerTests.SignOfSum(5, seed + 1);
            // patience only with validation data to judge by; 1 or 2 evaluations without improvement stop the run
            var options = training with { Patience = check is null || validation == 1 ? null : 2 };
            string straight = Path.Combine(_directory, $"{run}-straight");
            string split = Path.Combine(_directory, $"{run++}-split");

            var report = new SequenceTrainer(new SequenceModel(architecture, seed),
                options with { CheckpointDirectory = straight }).Fit(train, check);
            // stop at steps inside the run (a step past its end would just finish it), in order
            long[] at = [.. stops.Select(s => (long)(s % Math.Max(1, report.Steps))).Where(s => s > 0).Distinct()
                .Order()];
            SequenceTrainer? trainer = null;
            foreach (long step in at)
            {
                // stopped by a step limit (the options of a resumed run may change only its limits), or cancelled
                var limited = options with { CheckpointDirectory = split, MaxSteps = cancel ? null : step };
                trainer = trainer is null ? new SequenceTrainer(new SequenceModel(architecture, seed), limited)
                    : SequenceTrainer.Resume(split, limited);
                if (cancel) Cancel(trainer, step, train, check);
                else Assert.Equal(step, trainer.Fit(train, check).Steps);
                trainer = SequenceTrainer.Resume(split, options);
                Assert.Equal(step, trainer.Step);
            }
            var resumed = (trainer ?? new SequenceTrainer(new SequenceModel(architecture, seed),
                options with { CheckpointDirectory = split })).Fit(train, check);

            Assert.Equal(report.Steps, resumed.Steps);
            string? differs = KillHarness.WeightsDiffer(Path.Combine(straight, "last.safetensors"),
                Path.Combine(split, "last.safetensors"));
            Assert.True(differs is null, $"stopped at steps [{string.Join(", ", at)}] of {report.Steps} " +
                $"({(cancel ? "cancelled" : "step limit")}), resumed: {differs}");
        }, iter: 1, threads: 1, seed: caseSeed));
    }

    /// <summary>Trains, cancelling after <paramref name="step"/>: the trainer writes its checkpoint, then
    /// throws.</summary>
    private static void Cancel(SequenceTrainer trainer, long step, SequenceDataset train, SequenceDataset? check)
    {
        using var cancellation = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(train, check,
            new Progress(p => { if (p.Step == step) cancellation.Cancel(); }), cancellation.Token));
    }

    private sealed class Progress(Action<SequenceTrainingProgress> report) : IProgress<SequenceTrainingProgress>
    {
        public void Report(SequenceTrainingProgress value) => report(value);
    }
}
