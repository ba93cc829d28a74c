namespace Recurrent.Cli.Commands;

/// <summary>
/// Options of <c>recurrent example counting</c>. Only the output form is a flag: the learning rate and the stopping
/// tolerance are the material's, fixed so that the example reproduces it.
/// </summary>
public sealed record CountingOptions
{
    /// <summary>--json: print one JSON object instead of text. Default false.</summary>
    public bool Json { get; init; }

    /// <summary>η of gradient descent (no flag: the material's value). 0.1.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>The change in RMSE between iterations that ends training (no flag: the material's value).
    /// 1e-4.</summary>
    public double Tolerance { get; init; } = 1e-4;
}
