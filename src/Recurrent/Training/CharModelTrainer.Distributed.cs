using Recurrent.Distributed;
using Recurrent.Models;
using Recurrent.Parameters;

namespace Recurrent.Training;

/// <summary>
/// Data-parallel training (<see cref="DataParallel"/>): with a communicator of N ranks, each rank runs this trainer on
/// streams [r·B/N, (r + 1)·B/N) of every batch; gradients are averaged by one allreduce per step, so the loss curve is
/// that of one process with B streams up to the order of float32 sums. Rank 0's weights are broadcast at start and
/// resume; rank 0 alone validates, samples, reports progress and writes files; checkpoints hold the full (L, B, H)
/// carried states, so a run resumes on any number of ranks that divides B. Every rank calls the same methods in the
/// same order, and a rank that fails must end the group (<see cref="ICommunicator.Abort"/>).
/// </summary>
/// <remarks>
/// Dropout masks are drawn per rank (rank 0 from seed + 1, as one process; rank r &gt; 0 from its own stream), so
/// with dropout the curve matches one process in distribution, not value by value; rank r &gt; 0 restarts its stream
/// at a resume.
/// </remarks>
public sealed partial class CharModelTrainer
{
    /// <summary>A new data-parallel run over <paramref name="communicator"/>'s ranks; every rank calls this with the
    /// same options and corpus (checked by its SHA-256).</summary>
    /// <exception cref="ArgumentException">B is not a multiple of the number of ranks.</exception>
    public static CharModelTrainer Start(CharTrainingData data, CharTrainingOptions options, string outputDirectory,
        ICommunicator communicator)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        return new(options, data, outputDirectory, resumePath: null, communicator);
    }

    /// <summary>Continues a run on <paramref name="communicator"/>'s ranks, any number that divides B: rank 0 reads
    /// the checkpoint at <paramref name="resumePath"/> and sends it to the others, which need no copy.</summary>
    public static CharModelTrainer Resume(CharTrainingData data, CharTrainingOptions options, string resumePath,
        string outputDirectory, ICommunicator communicator)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        return new(options, data, outputDirectory, resumePath, communicator);
    }

    /// <summary>This process's rank (0 in one process); rank 0's report is the run's, the others' carry NaN for
    /// the validation losses and no sample.</summary>
    public int Rank => _parallel?.Communicator.Rank ?? 0;

    /// <summary>Ranks training together (1 in one process).</summary>
    public int Ranks => _parallel?.Communicator.Size ?? 1;

    private bool IsRoot => _parallel?.IsRoot ?? true;

    private long DropoutSeed(int seed, long step) =>
        IsRoot ? seed + 1L : seed + 1L + 1_000_003L * Rank + 7_919L * step;

    /// <summary>Rank 0's checkpoint files; on the other ranks, copies of them in a private temporary
    /// folder.</summary>
    private CharTrainingFiles ShareCheckpoint(string resumePath)
    {
        CharTrainingFiles? files = null;
        var weights = _parallel!.ShareFile(() => (files = CharTrainingFiles.ForResume(resumePath)).Last);
        var state = _parallel.ShareFile(() => files!.LastState);
        if (IsRoot) return files!;
        var copy = new CharTrainingFiles(Directory.CreateTempSubdirectory("recurrent-resume-").FullName);
        File.WriteAllBytes(copy.Last, weights);
        File.WriteAllBytes(copy.LastState, state);
        return copy;
    }

    private (TrainingState, CharLanguageModel<float>, IReadOnlyList<string>) LoadCheckpoint(CharTrainingFiles files,
        CharRunInfo run, ResumableRandom dropout)
    {
        try
        {
            return CharTrainingCheckpoint.Load(files, run, dropout);
        }
        finally
        {
            if (!IsRoot) Directory.Delete(files.Directory, recursive: true); // the copies made by ShareCheckpoint
        }
    }

    /// <summary>Takes this rank's streams of the saved (L, B, H) states.</summary>
    private void RestoreCarried(TrainingState state)
    {
        if (_parallel is null)
        {
            state.CopyHidden("h", _engine.Hidden!);
            if (_engine.Cell is { } c) state.CopyHidden("c", c);
            return;
        }
        var full = FullCarried(_engine.Hidden!);
        state.CopyHidden("h", full);
        _parallel.Scatter(full, _engine.Hidden!);
        if (_engine.Cell is { } cell)
        {
            state.CopyHidden("c", full);
            _parallel.Scatter(full, cell);
        }
    }

    /// <summary>The (L, B, H) state of all streams, assembled from the ranks (a collective call).</summary>
    private Tensor<float> Carried(Tensor<float> local)
    {
        if (_parallel is null) return local;
        var full = FullCarried(local);
        _parallel.Gather(local, full);
        return full;
    }

    private Tensor<float> FullCarried(Tensor<float> local) =>
        new(local.Shape[0], _options.BatchSize, local.Shape[2]);
}
