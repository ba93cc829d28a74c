using Recurrent.Data;
using Recurrent.Distributed;
using Recurrent.Losses;
using Recurrent.Parameters;

namespace Recurrent.Sequences;

/// <summary>
/// Data-parallel training (<see cref="SequenceTrainerOptions.Communicator"/>): every rank draws the same shuffled,
/// bucketed plan of batches (the same <see cref="SequenceTrainerOptions.Seed"/>) and trains on its contiguous share of
/// each batch's sequences, [⌊r·b/N⌋, ⌊(r + 1)·b/N⌋) of b, padded to its own longest. The gradients are summed by one
/// in-place float32 allreduce per step, each rank's first weighed by its share of the batch's loss denominator
/// (counted rows or their class weight, <see cref="DataParallel.ReduceWeighted"/>): C = Σᵣ w_r C_r / Σᵣ w_r is the
/// mean over the whole batch whatever the shares' sizes, so N ranks follow the loss curve of one process up to the
/// order of float32 sums. Rank 0's weights are broadcast at the start and at a resume (rank 0 reads the checkpoint and
/// sends its files, so the others need no copy); rank 0 alone evaluates (and broadcasts the loss and metric, so early
/// stopping is decided alike everywhere), reports progress and writes checkpoints; a time budget stops every rank at
/// the same step (an allreduce of the ranks' votes). Checkpoints are those of one process and resume on any number
/// of ranks.
/// </summary>
/// <remarks>
/// Dropout masks are not part of the equality: rank 0 draws from the model's source as one process does, each rank
/// r &gt; 0 from its own seeded stream (restarted at a resume from the seed, the rank and the step), so with dropout
/// the curve matches one process in distribution, not value by value. Token streams
/// (<see cref="FitStreams"/>) do not train data-parallel here; <c>recurrent train</c> does.
/// </remarks>
public sealed partial class SequenceTrainer
{
    private readonly DataParallel? _parallel; // null in one process

    /// <summary>This process's rank (0 in one process).</summary>
    public int Rank => _parallel?.Communicator.Rank ?? 0;

    /// <summary>Ranks training together (1 in one process).</summary>
    public int Ranks => _parallel?.Communicator.Size ?? 1;

    private bool IsRoot => _parallel?.IsRoot ?? true;

    /// <summary>A dropout stream of its own for each rank r &gt; 0, from the seed, the rank and the step.</summary>
    private void OwnDropout(long step)
    {
        if (!IsRoot && Model.DropoutRandom is { } dropout)
            dropout.SetStateText(new ResumableRandom(_options.Seed + 1_000_003L * Rank + 7_919L * step)
                .GetStateText());
    }

    /// <summary>Rank 0 loads the checkpoint in <paramref name="directory"/> and sends its two files; the other ranks
    /// load copies from a private temporary folder.</summary>
    private static (SequenceModel, SequenceTrainerState, Optimizers.OptimizerState<float>, Training.TrainingState)
        LoadShared(string directory, ICommunicator communicator)
    {
        var parallel = new DataParallel(communicator);
        var checkpoint = new SequenceTrainerCheckpoint(directory);
        (SequenceModel, SequenceTrainerState, Optimizers.OptimizerState<float>, Training.TrainingState)? loaded = null;
        var weights = parallel.ShareFile(() =>
        {
            loaded = checkpoint.Load(); // recovers a pair cut by a crash before the files are sent
            return checkpoint.Last;
        });
        var state = parallel.ShareFile(() => checkpoint.LastState);
        if (parallel.IsRoot) return loaded!.Value;
        var copy = Directory.CreateTempSubdirectory("recurrent-resume-").FullName;
        try
        {
            var local = new SequenceTrainerCheckpoint(copy);
            File.WriteAllBytes(local.Last, weights);
            File.WriteAllBytes(local.LastState, state);
            return local.Load();
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>This rank's shares of the next epoch's batches (all of each batch in one process).</summary>
    private IEnumerable<TimeMajorBatch?> NextEpoch(SequenceBatcher batcher) =>
        _parallel is null ? batcher.NextEpoch() : batcher.NextEpochShares(_parallel.Share);

    /// <summary>Rank 0's evaluation, sent to every rank, which all judge it alike (only rank 0 writes).</summary>
    private (double? Loss, double? Metric) EvaluateShared(SequenceDataset? validation)
    {
        if (_parallel is null || validation is null) return Evaluate(validation);
        Span<double> result = [double.NaN, double.NaN];
        if (IsRoot)
        {
            var (loss, metric) = Evaluate(validation);
            (result[0], result[1]) = (loss!.Value, metric!.Value);
        }
        _parallel.Broadcast(result);
        if (!IsRoot) Judge(result[1], higherIsBetter: _metric!.Kind == MetricKind.Accuracy);
        return (result[0], result[1]);
    }

    /// <summary>Whether the time budget is spent: on any rank, so that all stop at the same step.</summary>
    private bool BudgetSpent(TimeSpan elapsed, TimeSpan budget) =>
        _parallel is null ? elapsed >= budget : _parallel.Any(elapsed >= budget);
}
