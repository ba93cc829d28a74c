namespace Recurrent.Training;

/// <summary>How <see cref="ClassifierTrainer{T}"/> trains: the loop's settings, independent of the model.</summary>
public sealed record ClassifierTrainingOptions
{
    /// <summary>Passes over the training set. Default 40.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Examples per gradient step (the last batch of an epoch may be smaller). Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Clip the global gradient norm to this value before each step; 0 turns clipping off. Default
    /// 0.</summary>
    public double ClipNorm { get; init; }

    /// <summary>Seed of the RNG that shuffles the examples each epoch. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Epochs <= 0) throw new ArgumentException($"epochs must be a positive integer, got {Epochs}");
        if (BatchSize <= 0) throw new ArgumentException($"batch size must be a positive integer, got {BatchSize}");
        if (!(ClipNorm >= 0) || double.IsInfinity(ClipNorm))
            throw new ArgumentException($"clip norm must be a finite number ≥ 0 (0 = off), got {ClipNorm}");
    }
}
