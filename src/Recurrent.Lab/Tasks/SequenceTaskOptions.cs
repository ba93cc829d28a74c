using Recurrent.Layers.Recurrent;

namespace Recurrent.Lab.Tasks;

/// <summary>Settings of one <see cref="SequenceTaskTrainer"/> run; <see cref="For"/> gives each task's
/// defaults.</summary>
public sealed record SequenceTaskOptions
{
    /// <summary>The task names, in the order the CLI lists them.</summary>
    public static IReadOnlyList<string> TaskNames { get; } = ["adding", "copy", "parity", "binary-addition"];

    /// <summary>adding, copy, parity or binary-addition. Default adding.</summary>
    public string Task { get; init; } = "adding";

    /// <summary>The recurrent cell. Default LSTM.</summary>
    public CellKind Model { get; init; } = CellKind.Lstm;

    /// <summary>T: the adding problem's steps, the copy task's gap, the bit tasks' test length. Default 100 (adding),
    /// 20 (copy), 100 (parity), 32 (binary-addition).</summary>
    public int Length { get; init; } = 100;

    /// <summary>Adam updates, each on a fresh batch. Default 4000 (adding), 5000 (copy), 3000 (bit tasks).</summary>
    public int Steps { get; init; } = 4000;

    /// <summary>Hidden units. Default 32 (adding), 64 (copy), 16 (bit tasks).</summary>
    public int Hidden { get; init; } = 32;

    /// <summary>Sequences per update. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam's step size. Default 0.01.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Clip the global gradient norm to this before each update; 0 = off. Default 1.</summary>
    public double ClipNorm { get; init; } = 1;

    /// <summary>Seeds the weights (s·4), the training stream (s·4 + 2) and the test set (s·4 + 3). Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Unseen sequences the final metric is measured on. Default 512.</summary>
    public int TestCount { get; init; } = 512;

    /// <summary>Longest length the options accept (so a typo cannot ask for gigabytes of workspace).</summary>
    public const int MaxLength = 10_000;

    /// <summary>The defaults of <paramref name="task"/>.</summary>
    public static SequenceTaskOptions For(string task) => task switch
    {
        "adding" => new SequenceTaskOptions(),
        "copy" => new SequenceTaskOptions { Task = "copy", Length = 20, Steps = 5000, Hidden = 64 },
        "parity" => new SequenceTaskOptions { Task = "parity", Length = 100, Steps = 3000, Hidden = 16 },
        "binary-addition" =>
            new SequenceTaskOptions { Task = "binary-addition", Length = 32, Steps = 3000, Hidden = 16 },
        _ => throw new ArgumentException($"unknown task '{task}'; expected one of {string.Join(", ", TaskNames)}"),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range, in the words of the CLI
    /// flags.</summary>
    public void Validate()
    {
        if (!TaskNames.Contains(Task))
            throw new ArgumentException($"unknown task '{Task}'; expected one of {string.Join(", ", TaskNames)}");
        if (!Enum.IsDefined(Model)) throw new ArgumentException($"--model must be rnn, lstm or gru, got {Model}");
        int least = Task == "adding" ? 2 : 1;
        if (Length < least || Length > MaxLength)
            throw new ArgumentException($"--length must be between {least} and {MaxLength} for {Task}, got {Length}");
        if (Steps <= 0) throw new ArgumentException($"--steps must be a positive integer, got {Steps}");
        if (Hidden <= 0) throw new ArgumentException($"--hidden must be a positive integer, got {Hidden}");
        if (BatchSize <= 0) throw new ArgumentException($"--batch-size must be a positive integer, got {BatchSize}");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentException($"--learning-rate must be a positive number, got {LearningRate}");
        if (!(ClipNorm >= 0) || !double.IsFinite(ClipNorm))
            throw new ArgumentException($"--clip must be a number ≥ 0, got {ClipNorm}");
        if (TestCount <= 0) throw new ArgumentException($"--test-count must be a positive integer, got {TestCount}");
    }
}
