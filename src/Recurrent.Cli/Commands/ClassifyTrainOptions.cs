namespace Recurrent.Cli.Commands;

/// <summary>The settings of <c>recurrent classify train</c> and their defaults (data paths apart).</summary>
public sealed record ClassifyTrainOptions
{
    public string Out { get; init; } = "";
    public double? Minutes { get; init; }
    public int? Epochs { get; init; }
    public string Model { get; init; } = "lstm";
    public bool Bidirectional { get; init; }
    public string Pool { get; init; } = "last";
    public int Hidden { get; init; } = 64;
    public int Layers { get; init; } = 1;
    public int Embedding { get; init; }
    public double Dropout { get; init; }
    public int BatchSize { get; init; } = 32;
    public string Optimizer { get; init; } = "adam";
    public double LearningRate { get; init; } = 1e-3;
    public double LrDecay { get; init; } = 1;
    public double GradClip { get; init; } = 5;
    public int Patience { get; init; } = 5;
    public double ValidFraction { get; init; } = 0.1;
    public bool BalanceClasses { get; init; }
    public bool Mirror { get; init; }
    public double LabelSmoothing { get; init; }
    public int Seed { get; init; } = 1;
    public bool Resume { get; init; }
    public int? Threads { get; init; }
    public int LogEvery { get; init; }

    /// <summary>The epochs when neither --epochs nor --minutes is given.</summary>
    public const int DefaultEpochs = 30;
}
