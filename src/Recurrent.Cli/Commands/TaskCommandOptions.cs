using Recurrent.Lab.Tasks;
using Recurrent.Layers.Recurrent;

namespace Recurrent.Cli.Commands;

/// <summary>
/// Options of <c>recurrent task adding|copy|parity|binary-addition</c>, one per flag. Defaults that depend on the task
/// come from <see cref="For"/> (and so from <see cref="SequenceTaskOptions.For"/>).
/// </summary>
public sealed record TaskCommandOptions
{
    /// <summary>The subcommand: adding, copy, parity or binary-addition.</summary>
    public string Task { get; init; } = "adding";

    /// <summary>--model: rnn, lstm or gru. Default lstm.</summary>
    public string Model { get; init; } = "lstm";

    /// <summary>--length: T (adding: steps; copy: the gap; parity, binary-addition: test length). Default 100 (adding),
    /// 20 (copy), 100 (parity), 32 (binary-addition).</summary>
    public int Length { get; init; } = 100;

    /// <summary>--steps: Adam updates, each on a fresh batch. Default 4000 (adding), 5000 (copy), 3000 (parity,
    /// binary-addition).</summary>
    public int Steps { get; init; } = 4000;

    /// <summary>--hidden: hidden units. Default 32 (adding), 64 (copy), 16 (parity, binary-addition).</summary>
    public int Hidden { get; init; } = 32;

    /// <summary>--batch-size: sequences per update. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>--learning-rate: Adam's step size. Default 0.01.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>--clip: clip the global gradient norm to this value; 0 = off. Default 1.</summary>
    public double Clip { get; init; } = 1;

    /// <summary>--seed: seeds the weights, the training stream and the test set. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>--test-count: unseen sequences the final metric is measured on. Default 512.</summary>
    public int TestCount { get; init; } = 512;

    /// <summary>--out: directory for the learning curves (and, with --compare, the results table). Default
    /// out/task-{task}.</summary>
    public string? Out { get; init; }

    /// <summary>--json: print one JSON object instead of text. Default false.</summary>
    public bool Json { get; init; }

    /// <summary>--compare: run RNN, LSTM and GRU at every length of --lengths. Default false.</summary>
    public bool Compare { get; init; }

    /// <summary>--lengths: comma-separated lengths for --compare. Default 50,100,200 (adding), 10,20,40 (copy),
    /// 50,100,200 (parity), 16,32,64 (binary-addition).</summary>
    public string? Lengths { get; init; }

    /// <summary>The defaults of <paramref name="task"/>.</summary>
    public static TaskCommandOptions For(string task)
    {
        var d = SequenceTaskOptions.For(task);
        return new TaskCommandOptions
        {
            Task = task, Length = d.Length, Steps = d.Steps, Hidden = d.Hidden, BatchSize = d.BatchSize,
            LearningRate = d.LearningRate, Clip = d.ClipNorm, Seed = d.Seed, TestCount = d.TestCount,
        };
    }

    /// <summary>The library's settings for one run.</summary>
    public SequenceTaskOptions ToLibrary() => new()
    {
        Task = Task, Model = ParseModel(Model), Length = Length, Steps = Steps, Hidden = Hidden, BatchSize = BatchSize,
        LearningRate = LearningRate, ClipNorm = Clip, Seed = Seed, TestCount = TestCount,
    };

    /// <summary>The cell named by --model (any case).</summary>
    internal static CellKind ParseModel(string name) =>
        CellKinds.TryParse(name?.ToLowerInvariant(), out var cell)
            ? cell
            : throw new ArgumentException($"--model must be one of rnn, lstm, gru, got '{name}'");

    /// <summary>--lengths parsed (or the task's defaults); throws <see cref="ArgumentException"/> on anything but
    /// positive integers.</summary>
    public int[] ParseLengths()
    {
        if (Lengths is null) return TaskComparison.DefaultLengths(Task);
        var parts = Lengths.Split(',', StringSplitOptions.TrimEntries);
        var lengths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out lengths[i]) || lengths[i] <= 0)
                throw new ArgumentException($"--lengths must be comma-separated positive integers such as " +
                    $"50,100,200, got '{Lengths}'");
        return lengths;
    }
}
