using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Recurrent.Data;
using Recurrent.Models;

namespace Recurrent.Training;

/// <summary>
/// The last checkpoint of a training run: the weights (last.safetensors, <see cref="CharLanguageModelCheckpoint"/>) and
/// beside them the training state (last.state.safetensors, <see cref="TrainingState"/>) holding, besides the usual
/// entries (step, epoch, cursor, dropout RNG, loss history, optimizer vectors, carried states hidden.h and hidden.c):
/// <c>run</c> (<see cref="CharRunInfo"/>: what a resume must share) and <c>progress</c> (<see cref="CharRunProgress"/>:
/// the first loss, the best validation loss, the unfinished curve interval, and the SHA-256 of the weights, so weights
/// and state written by different saves are refused together; <see cref="CheckpointPair"/> keeps a kill between the
/// two writes from leaving such a pair).
/// </summary>
public static class CharTrainingCheckpoint
{
    /// <summary>Metadata keys of the run description and of the progress counters.</summary>
    public const string RunKey = "run", ProgressKey = "progress";

    /// <summary>Writes the weights, then the state (each atomically, as a <see cref="CheckpointPair"/>, so a kill at
    /// any moment leaves a pair that resumes).</summary>
    public static void Save(CharTrainingFiles files, CharLanguageModel<float> model, ITokenVocabulary vocabulary,
        TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(state);
        Directory.CreateDirectory(files.Directory);
        CheckpointPair.Save(files.Last, path => CharLanguageModelCheckpoint.Save(model, vocabulary, path),
            () => state.Save(files.LastState));
    }

    /// <summary>SHA-256 of the parameter values' bytes, lower-case hex.</summary>
    public static string WeightsHash(CharLanguageModel<float> model) =>
        Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes((ReadOnlySpan<float>)model.Parameters.Values)));

    /// <summary>The run description saved in the folder or file <paramref name="resumePath"/>, e.g. to take its
    /// settings for options not given.</summary>
    public static CharRunInfo ReadRunInfo(string resumePath) =>
        TrainingState.Load(CharTrainingFiles.ForResume(resumePath).LastState).GetJson<CharRunInfo>(RunKey);

    /// <summary>
    /// Loads the last checkpoint of <paramref name="files"/> and checks it against the run <paramref name="now"/>:
    /// both files readable and of their formats, from the same save, of the same corpus, model, B, T, optimizer and
    /// split.
    /// </summary>
    /// <exception cref="InvalidDataException">Anything else, with what differs.</exception>
    public static (TrainingState State, CharLanguageModel<float> Model, IReadOnlyList<string> Vocabulary) Load(
        CharTrainingFiles files, CharRunInfo now, Random dropout)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(now);
        if (!File.Exists(files.LastState))
            throw new FileNotFoundException($"cannot resume: no training state '{files.LastState}' (is " +
                $"'{files.Directory}' the output folder of a training run?)", files.LastState);
        CheckpointPair.Recover(files.Last,
            TrainingState.Load(files.LastState).GetJson<CharRunProgress>(ProgressKey).WeightsSha256,
            path => WeightsHash(CharLanguageModelCheckpoint.Load<float>(path).Model));
        if (!File.Exists(files.Last))
            throw new FileNotFoundException($"cannot resume: no weights '{files.Last}' beside the training state",
            files.Last);
        var state = TrainingState.Load(files.LastState);
        var saved = state.GetJson<CharRunInfo>(RunKey);
        var differences = saved.Differences(now);
        if (differences.Count > 0)
            throw new InvalidDataException($"cannot resume from '{files.Directory}': {string.Join("; ", differences)}");
        var (config, vocabulary, model) = CharLanguageModelCheckpoint.Load<float>(files.Last, dropout);
        if (config.ToJson() != now.Config)
            throw new InvalidDataException($"cannot resume: '{files.Last}' holds {config.ToJson()}, the state says " +
            $"{now.Config}");
        var progress = state.GetJson<CharRunProgress>(ProgressKey);
        if (WeightsHash(model) != progress.WeightsSha256)
            throw new InvalidDataException($"cannot resume: '{files.Last}' is not the weights '{files.LastState}' " +
                $"was saved with (different SHA-256; an interrupted save?)");
        return (state, model, vocabulary);
    }
}
