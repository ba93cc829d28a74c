namespace Recurrent.Lab.Examples;

/// <summary>Settings of <see cref="BitTaskExperiment"/>; <see cref="For"/> gives the defaults of each task.</summary>
public sealed record BitTaskOptions
{
    /// <summary>Seeds initialisation, the training stream and the test sets. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Hidden units of the RNN. Default 16.</summary>
    public int Hidden { get; init; } = 16;

    /// <summary>Hidden units of the MLP baseline. Default 64.</summary>
    public int MlpHidden { get; init; } = 64;

    /// <summary>Adam updates for each model (each on a fresh batch of short inputs). Default 3000.</summary>
    public int Steps { get; init; } = 3000;

    /// <summary>Sequences per update. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam's step size for both models. Default 0.01.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Clip the global gradient norm to this before each update; 0 turns clipping off. Default 1.</summary>
    public double ClipNorm { get; init; } = 1;

    /// <summary>Share of the updates over which the longest training input grows from 2 to <see cref="TrainLength"/>; 0
    /// = no curriculum. Default 0.5.</summary>
    public double Curriculum { get; init; } = 0.5;

    /// <summary>Longest training input: each one's length is uniform in [1, this] (bits per operand, or string length).
    /// Default 8 (addition), 10 (parity).</summary>
    public int TrainLength { get; init; } = 8;

    /// <summary>Length of the test inputs that measure generalisation. Default 32 (addition), 100 (parity).</summary>
    public int TestLength { get; init; } = 32;

    /// <summary>Sequences in each test set (short and long). Default 1000.</summary>
    public int TestCount { get; init; } = 1000;

    /// <summary>Upper limit of <see cref="TrainLength"/>: the point of the task is to train on short inputs.</summary>
    public const int MaxTrainLength = 16;

    /// <summary>Upper limit of <see cref="TestLength"/>.</summary>
    public const int MaxTestLength = 10_000;

    /// <summary>The defaults of a task: "binary-addition" (8 → 32 bits) or "parity" (10 → 100 bits).</summary>
    public static BitTaskOptions For(string task) => task switch
    {
        "binary-addition" => new BitTaskOptions(),
        "parity" => new BitTaskOptions { TrainLength = 10, TestLength = 100 },
        _ => throw new ArgumentException($"unknown task '{task}'; expected binary-addition or parity"),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range, in the words of the
    /// command-line flags.</summary>
    public void Validate()
    {
        if (Hidden <= 0) throw new ArgumentException($"--hidden must be a positive integer, got {Hidden}");
        if (MlpHidden <= 0) throw new ArgumentException($"--mlp-hidden must be a positive integer, got {MlpHidden}");
        if (Steps <= 0) throw new ArgumentException($"--steps must be a positive integer, got {Steps}");
        if (BatchSize <= 0) throw new ArgumentException($"--batch-size must be a positive integer, got {BatchSize}");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentException($"--learning-rate must be a positive number, got {LearningRate}");
        if (!(ClipNorm >= 0) || !double.IsFinite(ClipNorm))
            throw new ArgumentException($"--clip must be a number ≥ 0, got {ClipNorm}");
        if (!(Curriculum is >= 0 and <= 1))
            throw new ArgumentException($"--curriculum must be between 0 and 1, got {Curriculum}");
        if (TrainLength is < 1 or > MaxTrainLength)
            throw new ArgumentException($"--train-length must be between 1 and {MaxTrainLength} (training is on " +
                $"short inputs), got {TrainLength}");
        if (TestLength is < 1 or > MaxTestLength)
            throw new ArgumentException($"--test-length must be between 1 and {MaxTestLength}, got {TestLength}");
        if (TestCount <= 0) throw new ArgumentException($"--test-count must be a positive integer, got {TestCount}");
    }
}
