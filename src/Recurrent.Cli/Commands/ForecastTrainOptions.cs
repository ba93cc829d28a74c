namespace Recurrent.Cli.Commands;

/// <summary>The settings of <c>recurrent forecast train</c> and their defaults.</summary>
public sealed record ForecastTrainOptions
{
    public string Data { get; init; } = "";
    public string Column { get; init; } = "";
    public string? DateColumn { get; init; }
    public string? SeriesColumn { get; init; }
    public int? Horizon { get; init; } // required unless Resume
    public int Season { get; init; } = 1;
    public int? Window { get; init; } // null: 2·max(H, m)
    public int ValidWindows { get; init; } = 1;
    public string Difference { get; init; } = "none";
    public string? Quantiles { get; init; }
    public string? Covariates { get; init; } // "temp,price"
    public bool Calendar { get; init; }
    // members trained from consecutive seeds // "0.1,0.5,0.9"; null for a point forecaster
    public int Ensemble { get; init; } = 1;
    public string Out { get; init; } = "";
    public string? Resume { get; init; } // the folder of a run to continue
    public double? Minutes { get; init; }
    public int? Epochs { get; init; }
    public string Model { get; init; } = "lstm";
    public int Hidden { get; init; } = 32;
    public int Layers { get; init; } = 1;
    public double Dropout { get; init; }
    public int BatchSize { get; init; } = 32;
    public string Optimizer { get; init; } = "adam";
    public double LearningRate { get; init; } = 3e-3;
    public double GradClip { get; init; } = 5;
    public int Patience { get; init; } = 15;
    public string Loss { get; init; } = "mse";
    public int Seed { get; init; } = 1;

    /// <summary>The epochs when neither --epochs nor --minutes is given.</summary>
    public const int DefaultEpochs = 200;
}
