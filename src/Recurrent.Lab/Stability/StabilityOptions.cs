namespace Recurrent.Lab.Stability;

/// <summary>Options of the stability analysis (docs/equations.md#stability), one per flag of <c>recurrent
/// stability</c>.</summary>
public sealed record StabilityOptions
{
    /// <summary>--out: folder that receives the SVG and CSV of every figure and report.md. Default
    /// out/stability.</summary>
    public string Out { get; init; } = Path.Combine("out", "stability");

    /// <summary>--size: N, the state size of the linear recursion and the vector process. Default 8.</summary>
    public int Size { get; init; } = 8;

    /// <summary>--steps: T, the number of steps after the input at t = 0. Default 60.</summary>
    public int Steps { get; init; } = 60;

    /// <summary>--seed: seeds the eigenvectors of the constructed W matrices. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>--matrix: a square W (one row per line, numbers separated by spaces or commas) analysed beside the
    /// constructed ones; null for none.</summary>
    public string? MatrixFile { get; init; }

    /// <summary>
    /// --checkpoint: a safetensors file with recurrent weights weight_hh_l{k}, whose spectra are reported; for a
    /// recurrent-charlm/1 checkpoint also the step Jacobians along <see cref="Text"/>. Null for none.
    /// </summary>
    public string? Checkpoint { get; init; }

    /// <summary>
    /// --text: the real input fed to a recurrent-charlm/1 checkpoint for its step Jacobians (characters outside its
    /// vocabulary are skipped and counted). Null measures none; the CLI defaults to the bundled moby-dick.txt.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>--jacobian-steps: T, the characters of <see cref="Text"/> read, one step Jacobian per layer each.
    /// Default 200.</summary>
    public int JacobianSteps { get; init; } = 200;
}
