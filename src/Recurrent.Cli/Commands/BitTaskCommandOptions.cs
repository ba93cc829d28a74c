namespace Recurrent.Cli.Commands;

/// <summary>
/// Options of <c>recurrent example binary-addition</c> and <c>recurrent example parity</c>, one per flag. Defaults that
/// depend on the task come from <see cref="For"/>.
/// </summary>
public sealed record BitTaskCommandOptions
{
    /// <summary>The subcommand: binary-addition or parity.</summary>
    public string Task { get; init; } = "binary-addition";

    /// <summary>--seed: seeds initialisation, the training stream and the test sets. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>--hidden: hidden units of the RNN. Default 16.</summary>
    public int Hidden { get; init; } = 16;

    /// <summary>--mlp-hidden: hidden units of the MLP baseline. Default 64.</summary>
    public int MlpHidden { get; init; } = 64;

    /// <summary>--steps: Adam updates for each model, each on a fresh batch of short inputs. Default 3000.</summary>
    public int Steps { get; init; } = 3000;

    /// <summary>--batch-size: sequences per update. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>--learning-rate: Adam's step size. Default 0.01.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>--clip: clip the global gradient norm to this value; 0 = off. Default 1.</summary>
    public double Clip { get; init; } = 1;

    /// <summary>--curriculum: share of the updates over which the longest training input grows from 2 to
    /// --train-length; 0 = off. Default 0.5.</summary>
    public double Curriculum { get; init; } = 0.5;

    /// <summary>--train-length: longest training input (bits per operand, or string length), at most 16. Default 8
    /// (addition), 10 (parity).</summary>
    public int TrainLength { get; init; } = 8;

    /// <summary>--test-length: length of the long test inputs. Default 32 (addition), 100 (parity).</summary>
    public int TestLength { get; init; } = 32;

    /// <summary>--test-count: sequences in each test set. Default 1000.</summary>
    public int TestCount { get; init; } = 1000;

    /// <summary>--json: print one JSON object instead of text. Default false.</summary>
    public bool Json { get; init; }

    /// <summary>The defaults of <paramref name="task"/>.</summary>
    public static BitTaskCommandOptions For(string task) => task switch
    {
        "binary-addition" => new BitTaskCommandOptions(),
        "parity" => new BitTaskCommandOptions { Task = "parity", TrainLength = 10, TestLength = 100 },
        _ => throw new ArgumentException($"unknown task '{task}'; expected binary-addition or parity"),
    };
}
