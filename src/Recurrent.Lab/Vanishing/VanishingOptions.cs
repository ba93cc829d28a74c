namespace Recurrent.Lab.Vanishing;

/// <summary>Options of the vanishing-gradient analysis (docs/equations.md#vanishing), one per flag of <c>recurrent
/// vanishing</c>.</summary>
public sealed record VanishingOptions
{
    /// <summary>--out: folder for the figures (SVG + CSV) and report.md. Default out/vanishing.</summary>
    public string Out { get; init; } = Path.Combine("out", "vanishing");

    /// <summary>--layers: hidden layers of the deep MLP. Default 19 (docs/equations.md#vanishing).</summary>
    public int Layers { get; init; } = 19;

    /// <summary>--width: units per hidden layer. Default 1,024 (docs/equations.md#vanishing).</summary>
    public int Width { get; init; } = 1024;

    /// <summary>--samples: images in the batch gradient (at most the 1,000 bundled). Default 1,000.</summary>
    public int Samples { get; init; } = 1000;

    /// <summary>--instances: images whose single-instance gradients are measured (mean of their norms per neuron).
    /// Default 10.</summary>
    public int Instances { get; init; } = 10;

    /// <summary>--init: he-glorot (He for ReLU/ELU, Glorot for sigmoid/tanh) or pytorch (U(±1/√fan_in)). Default
    /// he-glorot.</summary>
    public MlpInit Init { get; init; } = MlpInit.HeGlorot;

    /// <summary>--steps: T, the sequence length of the recurrent measurement. Default 200.</summary>
    public int Steps { get; init; } = 200;

    /// <summary>--hidden: H of the recurrent cells. Default 32.</summary>
    public int Hidden { get; init; } = 32;

    /// <summary>--train-steps: Adam steps of the short training before the second recurrent measurement. Default
    /// 150.</summary>
    public int TrainSteps { get; init; } = 150;

    /// <summary>--seed: seeds initialisation, the sequences and the training. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>--images / --labels: IDX files (optionally gzipped); null uses the bundled Fashion-MNIST
    /// subset.</summary>
    public string? Images { get; init; }

    public string? Labels { get; init; }
}
