using Recurrent.Optimizers;

namespace Recurrent.Lab.Examples;

/// <summary>
/// The length-generalisation experiment (docs/equations.md#memory-tasks): train an RNN (<see cref="BitRnn"/>) and a
/// fixed-width MLP
/// (<see cref="BitMlp"/>) on the same stream of short inputs, then score both on inputs of the training length and on
/// much longer ones. The RNN applies one rule per step, so it carries over to any length; the MLP cannot.
/// </summary>
public static class BitTaskExperiment
{
    /// <summary>Progress reports per run.</summary>
    private const int Reports = 20;

    /// <summary>
    /// Trains both models for <see cref="BitTaskOptions.Steps"/> Adam updates. Each update draws a fresh batch of
    /// <see cref="BitTaskOptions.BatchSize"/> inputs, each of a length uniform in [1, m], where m grows from 2 to
    /// TrainLength over the first <see cref="BitTaskOptions.Curriculum"/> share of the updates (see
    /// <see cref="LongestAt"/>); the RNN and the MLP train on the same batches. Then both are scored on
    /// <see cref="BitTaskOptions.TestCount"/> inputs of exactly TrainLength and as many of exactly TestLength, drawn
    /// from streams independent of the training stream. Random streams, all derived from
    /// <see cref="BitTaskOptions.Seed"/> s: RNN weights s·4, MLP weights s·4 + 1,
    /// training inputs s·4 + 2, test inputs s·4 + 3.
    /// </summary>
    public static BitTaskReport Run(IBitTask task, BitTaskOptions options, IProgress<BitTaskProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int seed = options.Seed * 4;
        var rnn = new BitRnn(task.InputSize, options.Hidden, new Random(seed));
        var mlp = new BitMlp(task, options.TrainLength, options.MlpHidden, new Random(seed + 1));
        var rnnOptimizer = new Adam<float>(new AdamOptions(options.LearningRate));
        var mlpOptimizer = new Adam<float>(new AdamOptions(options.LearningRate));
        var data = new Random(seed + 2);
        var batch = new BitBatch(task, options.BatchSize, options.TrainLength);

        int every = Math.Max(1, options.Steps / Reports), tail = Math.Max(1, options.Steps / 10);
        double rnnSum = 0, mlpSum = 0, rnnTail = 0, mlpTail = 0;
        int since = 0;
        for (int step = 1; step <= options.Steps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            batch.Fill(data, 1, LongestAt(step, options));
            double rnnLoss = rnn.TrainStep(batch, rnnOptimizer, options.ClipNorm);
            double mlpLoss = mlp.TrainStep(batch, mlpOptimizer, options.ClipNorm);
            rnnSum += rnnLoss;
            mlpSum += mlpLoss;
            since++;
            if (step > options.Steps - tail) { rnnTail += rnnLoss; mlpTail += mlpLoss; }
            if (step % every == 0 || step == options.Steps)
            {
                progress?.Report(new BitTaskProgress(step, options.Steps, rnnSum / since, mlpSum / since));
                (rnnSum, mlpSum, since) = (0, 0, 0);
            }
        }

        var tests = new Random(seed + 3);
        var shortTest = new BitBatch(task, options.TestCount, options.TrainLength);
        shortTest.Fill(tests, options.TrainLength, options.TrainLength);
        var longTest = new BitBatch(task, options.TestCount, options.TestLength);
        longTest.Fill(tests, options.TestLength, options.TestLength);
        var rnnScores = new BitModelScores(BitAccuracy.Score(shortTest, rnn.Predict(shortTest)),
            BitAccuracy.Score(longTest, rnn.Predict(longTest)), rnnTail / tail);
        var mlpScores = new BitModelScores(BitAccuracy.Score(shortTest, mlp.Predict(shortTest)),
            BitAccuracy.Score(longTest, mlp.Predict(longTest)), mlpTail / tail);
        return new BitTaskReport(task.Name, options, rnnScores, mlpScores);
    }

    /// <summary>
    /// The curriculum: the longest training input at update k (1-based) of S, m = clamp(⌈TrainLength · k / (c·S)⌉, 2,
    /// TrainLength) with c = <see cref="BitTaskOptions.Curriculum"/>; TrainLength throughout when c = 0. Short inputs
    /// first let the RNN learn the one-step rule (a carry, an XOR) before gradients have to cross many steps; without
    /// it, many-to-one parity on some seeds fits the short strings without generalising to long ones, or stays on its
    /// initial plateau (loss ≈ ln 2) at larger learning rates (docs/examples.md has the measurements).
    /// </summary>
    public static int LongestAt(int step, BitTaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int full = options.TrainLength;
        double ramp = options.Curriculum * options.Steps;
        if (ramp < 1) return full;
        int m = (int)Math.Ceiling(full * step / ramp);
        return Math.Clamp(m, Math.Min(2, full), full);
    }
}
