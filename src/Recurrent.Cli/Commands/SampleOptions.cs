namespace Recurrent.Cli.Commands;

/// <summary>Options of <c>recurrent sample</c>, one per flag.</summary>
public sealed record SampleOptions
{
    /// <summary>--checkpoint: a recurrent-charlm/1 file, or a training folder (its best.safetensors).
    /// Required.</summary>
    public string Checkpoint { get; init; } = "";

    /// <summary>--length: characters to generate. Default 500.</summary>
    public int Length { get; init; } = 500;

    /// <summary>--temperature: divides the logits; below 1 is safer, above 1 wilder. Default 1.</summary>
    public double Temperature { get; init; } = 1;

    /// <summary>--top-k: draw among the k most likely characters; 0 = off. Default 0.</summary>
    public int TopK { get; init; }

    /// <summary>--top-p: nucleus sampling threshold in (0, 1]; 1 = off. Default 1.</summary>
    public double TopP { get; init; } = 1;

    /// <summary>--prime: text fed through the model first (and printed). Default empty (start from a line
    /// break).</summary>
    public string Prime { get; init; } = "";

    /// <summary>--seed: seeds the draws. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>--argmax: always take the most likely character. Default off.</summary>
    public bool ArgMax { get; init; }
}
