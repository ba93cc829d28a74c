using Recurrent.Parameters.Serialization;

namespace Recurrent.Training;

/// <summary>
/// Saves a checkpoint's weights and training state so that a kill at any moment leaves a pair that resumes. Each file
/// is written atomically, but two files cannot be replaced in one step: weights written first and the state second
/// left, after a kill between the two, new weights beside an old state (refused as a mismatch, and the old weights
/// lost). So the new weights wait under a pending name (last.pending.safetensors) until the state naming their hash
/// is in place, and only then are renamed over the old ones. <see cref="Recover"/>, called before loading, finishes
/// a save cut short after the state was written, or drops pending weights the state does not name; it also deletes
/// the temporary files that writes cut short by a kill left in the folder (the kill harness found one left per kill
/// during a write, each as large as a checkpoint).
/// </summary>
internal static class CheckpointPair
{
    /// <summary>Where the weights of <paramref name="weightsPath"/> wait while their state is written.</summary>
    public static string PendingPath(string weightsPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(weightsPath))!,
            Path.GetFileNameWithoutExtension(weightsPath) + ".pending" + Path.GetExtension(weightsPath));

    /// <summary>Writes the weights (to the pending name), then the state, then renames the weights into
    /// place.</summary>
    /// <param name="writeWeights">Writes the weights atomically to the path it is given.</param>
    /// <param name="writeState">Writes the state, naming the weights' hash, atomically to its own path.</param>
    public static void Save(string weightsPath, Action<string> writeWeights, Action writeState)
    {
        string pending = PendingPath(weightsPath);
        writeWeights(pending);
        writeState();
        File.Move(pending, weightsPath, overwrite: true);
    }

    /// <summary>
    /// Completes or rolls back a save that was cut short: pending weights whose hash is
    /// <paramref name="stateHash"/> (the state was written) replace the weights; any others (the state was not) are
    /// deleted. Nothing to do when there are none.
    /// </summary>
    /// <param name="hashOf">The hash of the weights in a file; InvalidDataException when it does not load.</param>
    public static void Recover(string weightsPath, string stateHash, Func<string, string> hashOf)
    {
        // the run resuming is the folder's one writer, so any temporary file there is from a write that was killed
        AtomicFile.RemoveUnfinishedWrites(Path.GetDirectoryName(Path.GetFullPath(weightsPath))!);
        string pending = PendingPath(weightsPath);
        if (!File.Exists(pending)) return;
        string? hash;
        try
        {
            hash = hashOf(pending);
        }
        catch (InvalidDataException)
        {
            hash = null; // written atomically, so never half a file; but never trust it over the pair
        }
        if (hash == stateHash) File.Move(pending, weightsPath, overwrite: true);
        else File.Delete(pending);
    }
}
