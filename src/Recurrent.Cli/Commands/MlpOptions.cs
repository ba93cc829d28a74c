using Recurrent.Layers;

namespace Recurrent.Cli.Commands;

/// <summary>Options of <c>recurrent mlp</c>, one per flag. Defaults that depend on the task come from
/// <see cref="For"/>.</summary>
public sealed record MlpOptions
{
    /// <summary>--task: "digits" (8×8 handwritten digits) or "xor" (the four-row truth table). Default
    /// digits.</summary>
    public string Task { get; init; } = "digits";

    /// <summary>--data: digits CSV, optionally .gz; null uses the bundled data/digits.csv.gz.</summary>
    public string? Data { get; init; }

    /// <summary>--hidden: sizes of the hidden layers. Default 64 for digits, 4 for xor.</summary>
    public int[] Hidden { get; init; } = [64];

    /// <summary>--activation: hidden-layer activation. Default tanh.</summary>
    public Activation Activation { get; init; } = Activation.Tanh;

    /// <summary>--optimizer: sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw. Default adam.</summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>--learning-rate: step size. Default 0.003 for digits, 0.05 for xor.</summary>
    public double LearningRate { get; init; } = 0.003;

    /// <summary>--epochs: passes over the training set. Default 40 for digits, 300 for xor.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>--batch-size: examples per step. Default 32 for digits, 4 (the whole table) for xor.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>--test-fraction: share of each class held out for testing (digits only). Default 0.2.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>--clip: clip the global gradient norm to this value; 0 = off. Default 0.</summary>
    public double Clip { get; init; }

    /// <summary>--seed: seeds initialisation, the split and shuffling. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The defaults for <paramref name="task"/>.</summary>
    public static MlpOptions For(string task) => task.ToLowerInvariant() switch
    {
        "xor" => new MlpOptions { Task = "xor", Hidden = [4], LearningRate = 0.05, Epochs = 300, BatchSize = 4 },
        "digits" => new MlpOptions(),
        _ => throw new ArgumentException($"unknown task '{task}'; expected digits or xor"),
    };
}
