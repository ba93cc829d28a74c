namespace Recurrent.Cli.Commands;

/// <summary>Options of <c>recurrent eval</c>, one per flag.</summary>
public sealed record EvalOptions
{
    /// <summary>--checkpoint: a recurrent-charlm/1 file, or a training folder (its best.safetensors).
    /// Required.</summary>
    public string Checkpoint { get; init; } = "";

    /// <summary>--data: UTF-8 text to score. Required.</summary>
    public string Data { get; init; } = "";

    /// <summary>--json: print one JSON object {loss, bpc, perplexity, chars, skipped}. Default off.</summary>
    public bool Json { get; init; }
}
