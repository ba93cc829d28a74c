namespace Recurrent.Training;

/// <summary>The files a training run keeps in its output folder.</summary>
/// <param name="Directory">The output folder.</param>
public sealed record CharTrainingFiles(string Directory)
{
    /// <summary>Weights of the latest saved step (recurrent-charlm/1).</summary>
    public string Last => Path.Combine(Directory, "last.safetensors");

    /// <summary>Training state beside <see cref="Last"/> (recurrent-training-state/1).</summary>
    public string LastState => Path.Combine(Directory, "last.state.safetensors");

    /// <summary>Weights with the lowest validation loss so far.</summary>
    public string Best => Path.Combine(Directory, "best.safetensors");

    /// <summary>Learning curve as CSV (step, train_loss, val_loss).</summary>
    public string CurveCsv => Path.Combine(Directory, "curve.csv");

    /// <summary>Learning curve as an SVG chart (drawn by the CLI's train command, not by
    /// <see cref="CharModelTrainer"/>).</summary>
    public string CurveSvg => Path.Combine(Directory, "curve.svg");

    /// <summary>The final generated sample.</summary>
    public string Sample => Path.Combine(Directory, "sample.txt");

    /// <summary>The files of a run to resume: <paramref name="path"/> is its folder or a file in it (e.g.
    /// last.safetensors).</summary>
    public static CharTrainingFiles ForResume(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (System.IO.Directory.Exists(path)) return new CharTrainingFiles(path);
        if (File.Exists(path)) return new CharTrainingFiles(Path.GetDirectoryName(Path.GetFullPath(path))!);
        throw new FileNotFoundException(
            $"cannot resume: '{path}' is neither a training output folder nor a file in one", path);
    }
}
