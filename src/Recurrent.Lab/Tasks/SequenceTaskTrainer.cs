using System.Diagnostics;
using Recurrent.Lab.Examples;
using Recurrent.Optimizers;
using Recurrent.Training;

namespace Recurrent.Lab.Tasks;

/// <summary>
/// Trains a <see cref="SequenceTaskModel"/> of the chosen cell on one task with Adam and global-norm clipping, each
/// update on a fresh batch, then measures the task's metric on unseen sequences. Random streams, all from the seed s:
/// weights s·4, training data s·4 + 2, test set s·4 + 3 (so every cell of a comparison sees the same data).
/// <list type="bullet">
/// <item>adding, copy: trained and tested at length T (<see cref="AddingProblem"/>, <see cref="CopyTask"/>).</item>
/// <item>parity, binary-addition: the bit tasks of <c>recurrent example</c>, trained short (lengths 1..10 and 1..8
/// bits, with <see cref="BitTaskExperiment.LongestAt"/>'s curriculum) and tested at length T. Metric: the share of test
/// sequences with any bit wrong (1 − <see cref="BitAccuracy.Sequences"/>); baseline: that of guessing, ½ for parity,
/// 1 − 2^−(T+1) for a (T + 1)-bit sum; solved below 0.01.</item>
/// </list>
/// </summary>
public static class SequenceTaskTrainer
{
    /// <summary>Points on the learning curve (each the mean over its stretch of updates).</summary>
    public const int CurvePoints = 100;

    /// <summary>The bit tasks' "solved" threshold on the share of wrong test sequences.</summary>
    public const double BitTaskSolvedBelow = 0.01;

    /// <summary>Creates the fixed-length task <paramref name="name"/> (adding or copy) at
    /// <paramref name="length"/>.</summary>
    public static ISequenceTask CreateTask(string name, int length) => name switch
    {
        "adding" => new AddingProblem(length),
        "copy" => new CopyTask(length),
        _ => throw new ArgumentException($"unknown fixed-length task '{name}'; expected adding or copy"),
    };

    /// <summary>Trains and tests one model (class summary).</summary>
    public static SequenceTaskOutcome Run(SequenceTaskOptions options, IProgress<SequenceTaskProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Task is "parity" or "binary-addition"
            ? RunBitTask(options, progress, cancellation)
            : RunFixedLength(options, progress, cancellation);
    }

    private static SequenceTaskOutcome RunFixedLength(SequenceTaskOptions options,
        IProgress<SequenceTaskProgress>? progress,
        CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        var task = CreateTask(options.Task, options.Length);
        int seed = options.Seed * 4;
        var model =
            new SequenceTaskModel(options.Model, task.InputSize, options.Hidden, task.Outputs, new Random(seed));
        var optimizer = new Adam<float>(new AdamOptions(options.LearningRate));
        var data = new Random(seed + 2);
        var batch = task.CreateBatch(options.BatchSize);
        var curve = Train(options, progress, cancellation, step =>
        {
            task.Fill(batch, data);
            return model.TrainStep(batch, optimizer, options.ClipNorm);
        });

        // The test set is drawn in batches of the training size, so the model's workspaces are reused as they are.
        var tests = new Random(seed + 3);
        double sum = 0;
        int seen = 0;
        while (seen < options.TestCount)
        {
            cancellation.ThrowIfCancellationRequested();
            task.Fill(batch, tests);
            sum += model.Evaluate(batch) * batch.BatchSize;
            seen += batch.BatchSize;
        }
        return new SequenceTaskOutcome(task.Name, options.Model, options.Length, task.MetricName, sum / seen,
            task.Baseline,
            task.SolvedBelow, options.Steps, watch.Elapsed.TotalSeconds, curve);
    }

    private static SequenceTaskOutcome RunBitTask(SequenceTaskOptions options,
        IProgress<SequenceTaskProgress>? progress,
        CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        IBitTask task = options.Task == "parity" ? new ParityTask() : new BinaryAdditionTask();
        var schedule = BitTaskOptions.For(options.Task) with { Steps = options.Steps };
        int seed = options.Seed * 4;
        var model = new SequenceTaskModel(options.Model, task.InputSize, options.Hidden, 2, new Random(seed));
        var optimizer = new Adam<float>(new AdamOptions(options.LearningRate));
        var data = new Random(seed + 2);
        var batch = new BitBatch(task, options.BatchSize, schedule.TrainLength);
        var view = AsSequenceBatch(batch);
        var curve = Train(options, progress, cancellation, step =>
        {
            batch.Fill(data, 1, BitTaskExperiment.LongestAt(step, schedule));
            return model.TrainStep(view, optimizer, options.ClipNorm);
        });

        var test = new BitBatch(task, options.TestCount, options.Length);
        test.Fill(new Random(seed + 3), options.Length, options.Length);
        var accuracy = BitAccuracy.Score(test, model.Predict(AsSequenceBatch(test)));
        double baseline = options.Task == "parity" ? 0.5 : 1 - Math.Pow(2, -(options.Length + 1));
        return new SequenceTaskOutcome(task.Name, options.Model, options.Length, "sequence error",
            1 - accuracy.Sequences, baseline,
            BitTaskSolvedBelow, options.Steps, watch.Elapsed.TotalSeconds, curve);
    }

    /// <summary>The bit batch's own buffers seen as a <see cref="SequenceBatch"/> (nothing copied).</summary>
    private static SequenceBatch AsSequenceBatch(BitBatch batch) =>
        new(batch.Inputs, batch.Lengths, batch.Mask, batch.Classes, null);

    /// <summary>Runs <paramref name="trainStep"/> for steps 1..S, averaging its metric into the curve and the progress
    /// reports.</summary>
    private static LearningCurve Train(SequenceTaskOptions options, IProgress<SequenceTaskProgress>? progress,
        CancellationToken cancellation, Func<int, double> trainStep)
    {
        var curve = new LearningCurve();
        int every = Math.Max(1, options.Steps / CurvePoints), since = 0;
        double sum = 0;
        for (int step = 1; step <= options.Steps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            sum += trainStep(step);
            since++;
            if (step % every != 0 && step != options.Steps) continue;
            curve.Add(step, sum / since);
            progress?.Report(new SequenceTaskProgress(options.Task, options.Model, options.Length, step, options.Steps,
                sum / since));
            (sum, since) = (0, 0);
        }
        return curve;
    }
}
