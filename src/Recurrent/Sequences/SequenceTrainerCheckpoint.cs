using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Recurrent.Optimizers;
using Recurrent.Training;

namespace Recurrent.Sequences;

/// <summary>
/// The files of a <see cref="SequenceTrainer"/> run in one directory: best.safetensors and last.safetensors (model
/// files, <see cref="SequenceModelFile"/>) and last.state.safetensors (<see cref="SequenceTrainerState"/> and the
/// optimizer's state). Each is written atomically, the weights before the state that names their hash, as a
/// <see cref="CheckpointPair"/>, so a kill at any moment leaves a pair that <see cref="Load"/> resumes.
/// </summary>
internal sealed class SequenceTrainerCheckpoint(string directory)
{
    private const string StateKey = "sequence_trainer";

    public string Best => Path.Combine(directory, "best.safetensors");

    public string Last => Path.Combine(directory, "last.safetensors");

    public string LastState => Path.Combine(directory, "last.state.safetensors");

    public void SaveBest(SequenceModel model)
    {
        Directory.CreateDirectory(directory);
        model.Save(Best);
    }

    /// <param name="hidden">The carried h of a stream run (saved as hidden.h), else null.</param>
    /// <param name="cell">The carried c of an LSTM's stream run (hidden.c), else null.</param>
    public void SaveLast(SequenceModel model, SequenceTrainerState state, OptimizerState<float> optimizer,
        Tensor<float>? hidden = null, Tensor<float>? cell = null)
    {
        Directory.CreateDirectory(directory);
        var file = new TrainingState($"training state '{LastState}'");
        file.SetJson(StateKey, state with { WeightsSha256 = Hash(model) });
        file.SetOptimizer(optimizer);
        if (hidden is not null) file.SetHidden("h", hidden);
        if (cell is not null) file.SetHidden("c", cell);
        CheckpointPair.Save(Last, model.Save, () => file.Save(LastState));
    }

    /// <summary>The last weights, the trainer's state, the optimizer's, and the whole state file (for the carried
    /// state of a stream run).</summary>
    public (SequenceModel Model, SequenceTrainerState State, OptimizerState<float> Optimizer, TrainingState File)
        Load()
    {
        if (File.Exists(LastState))
            CheckpointPair.Recover(Last,
                TrainingState.Load(LastState).GetJson<SequenceTrainerState>(StateKey).WeightsSha256,
                path => Hash(SequenceModel.Load(path)));
        if (!File.Exists(Last) || !File.Exists(LastState))
            throw new InvalidDataException(
                $"cannot resume from '{directory}': expected last.safetensors and last.state.safetensors there");
        var model = SequenceModel.Load(Last);
        var file = TrainingState.Load(LastState);
        var state = file.GetJson<SequenceTrainerState>(StateKey);
        if (state.WeightsSha256 != Hash(model))
            throw new InvalidDataException(
                $"cannot resume: '{Last}' is not the weights '{LastState}' was saved with (another SHA-256)");
        return (model, state, file.GetOptimizer<float>(), file);
    }

    private static string Hash(SequenceModel model) =>
        Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes((ReadOnlySpan<float>)model.Parameters.Values)));
}
