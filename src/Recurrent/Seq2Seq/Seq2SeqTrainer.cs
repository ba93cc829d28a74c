using System.Diagnostics;
using Recurrent.Losses;
using Recurrent.Optimizers;

namespace Recurrent.Seq2Seq;

/// <summary>
/// Trains a <see cref="Seq2SeqModel"/> with teacher forcing: per step, the masked cross-entropy of the decoder's
/// logits against the references (padded steps count nothing), one backward pass, the global-norm clip, and Adam.
/// Batches are bucketed by length (pairs sorted by source then target length within pools of 50 batches, so that
/// padding stays small) and the batch order is shuffled each epoch with the seed. Progress comes through
/// <see cref="IProgress{T}"/>, synchronously, so a caller may save checkpoints from it.
/// </summary>
public static class Seq2SeqTrainer
{
    /// <summary>Trains <paramref name="model"/> (class summary).</summary>
    /// <param name="model">The model; its weights change.</param>
    /// <param name="train">Training pairs.</param>
    /// <param name="valid">Validation pairs, or null.</param>
    /// <param name="options">Defaults when null.</param>
    /// <param name="progress">Reports (see <see cref="Seq2SeqTrainingProgress"/>), or null.</param>
    /// <param name="cancellation">Stops after the current step.</param>
    public static Seq2SeqTrainingReport Train(Seq2SeqModel model, IReadOnlyList<Seq2SeqPair> train,
        IReadOnlyList<Seq2SeqPair>? valid = null, Seq2SeqTrainingOptions? options = null,
        IProgress<Seq2SeqTrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        options ??= new Seq2SeqTrainingOptions();
        options.Validate();
        if (train.Count == 0) throw new ArgumentException("no training pairs");
        var network = model.Network;
        var examples = train.Select(p => (Source: model.SourceVocabulary.Encode(p.Source),
            Target: model.TargetVocabulary.Encode(p.Target))).ToArray();
        var validation = valid is null ? null
            : Seq2SeqMetrics.GroupReferences(valid).Take(options.ValidationSources)
                .SelectMany(kv => kv.Value.Select(t => new Seq2SeqPair(kv.Key, t))).ToArray();
        var loss = new CrossEntropyLoss<float>(options.LabelSmoothing);
        var adam = new Adam<float>(new AdamOptions(options.LearningRate));
        var rng = new Random(options.Seed);
        var clock = Stopwatch.StartNew();
        int step = 0, epoch = 0;
        double epochLoss = 0, reportLoss = 0;
        long epochTokens = 0, reportTokens = 0;
        Seq2SeqEvaluation? best = null;
        bool stop = false;
        while (epoch < options.Epochs && !stop)
        {
            epoch++;
            (epochLoss, epochTokens) = (0, 0);
            foreach (var indices in Batches(examples, options.BatchSize, rng))
            {
                var batch = Seq2SeqBatch.Create([.. indices.Select(i => examples[i].Source)],
                    [.. indices.Select(i => examples[i].Target)]);
                if (options.TeacherForcing < 1) batch = Sample(network, batch, options.TeacherForcing, rng);
                var mask = batch.TargetMask<float>();
                network.Parameters.ZeroGradients();
                var logits = network.Forward(batch);
                var gradient = new Tensor<float>(logits.Shape);
                double value = loss.Compute(logits, batch.TargetTokens, mask, gradient);
                if (!double.IsFinite(value)) throw new Training.TrainingDivergedException(
                    $"the loss is {value} at step {step + 1}: lower the learning rate or clip harder");
                network.Backward(gradient);
                if (options.ClipNorm > 0) GradientClipping.ClipByGlobalNorm(network.Parameters.Gradients,
                    options.ClipNorm);
                adam.Step(network.Parameters);
                step++;
                long tokens = batch.TargetLengths.Sum();
                (epochLoss, epochTokens) = (epochLoss + value * tokens, epochTokens + tokens);
                (reportLoss, reportTokens) = (reportLoss + value * tokens, reportTokens + tokens);
                if (step % options.ReportEvery == 0)
                {
                    progress?.Report(new(epoch, step, reportLoss / reportTokens, clock.Elapsed, null, false, false));
                    (reportLoss, reportTokens) = (0, 0);
                }
                stop = cancellation.IsCancellationRequested
                    || (options.Minutes is { } minutes && clock.Elapsed.TotalMinutes >= minutes);
                if (stop) break;
            }
            var scores = validation is null ? null : Seq2SeqMetrics.Evaluate(model, validation);
            bool isBest = scores is null || best is null || scores.Wer < best.Wer;
            if (scores is not null && isBest) best = scores;
            progress?.Report(new(epoch, step, epochTokens == 0 ? 0 : epochLoss / epochTokens, clock.Elapsed, scores,
                true, isBest));
        }
        return new Seq2SeqTrainingReport(epoch, step, clock.Elapsed, epochTokens == 0 ? 0 : epochLoss / epochTokens,
            best);
    }

    /// <summary>Index batches bucketed by length (class summary), in a shuffled order.</summary>
    private static List<int[]> Batches((int[] Source, int[] Target)[] examples, int batchSize, Random rng)
    {
        var order = Enumerable.Range(0, examples.Length).ToArray();
        rng.Shuffle(order);
        var batches = new List<int[]>();
        int pool = batchSize * 50;
        for (int start = 0; start < order.Length; start += pool)
        {
            var sorted = order.Skip(start).Take(pool)
                .OrderBy(i => examples[i].Source.Length).ThenBy(i => examples[i].Target.Length).ToArray();
            for (int b = 0; b < sorted.Length; b += batchSize) batches.Add(sorted[b..Math.Min(b + batchSize,
                sorted.Length)]);
        }
        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batches));
        return batches;
    }

    /// <summary>
    /// Parallel scheduled sampling: a teacher-forced pass predicts every step; each decoder input after &lt;s&gt;
    /// is then, with probability 1 − ratio, the prediction of the step before instead of the reference.
    /// </summary>
    private static Seq2SeqBatch Sample(Seq2SeqNetwork<float> network, Seq2SeqBatch batch, double ratio, Random rng)
    {
        var logits = network.Forward(batch);
        int b = batch.BatchSize;
        var inputs = (int[])batch.DecoderInputs.Clone();
        for (int t = 1; t < batch.TargetSteps; t++)
            for (int r = 0; r < b; r++)
                if (t < batch.TargetLengths[r] && rng.NextDouble() >= ratio)
                {
                    int predicted = BeamSearch.ArgMax<float>(logits.Row((t - 1) * b + r));
                    if (predicted >= TokenVocabulary.ReservedCount) inputs[t * b + r] = predicted;
                }
        return batch with { DecoderInputs = inputs };
    }
}
