namespace Recurrent.Parameters.Serialization;

/// <summary>How <see cref="ParameterSetSafetensors.LoadSafetensors{T}"/> matches file tensors to parameters.</summary>
public sealed record SafetensorsLoadOptions
{
    /// <summary>
    /// Only tensors named Prefix + parameter name are considered, e.g. "rnn." to load one submodule of a PyTorch
    /// model; tensors outside the prefix belong to other modules and are never reported. Default none.
    /// </summary>
    public string Prefix { get; init; } = "";

    /// <summary>True (default): tensors under the prefix that match no parameter are an error, as in PyTorch's strict
    /// load.</summary>
    public bool Strict { get; init; } = true;

    /// <summary>False (default): a parameter with no tensor in the file is an error, since it would keep stale
    /// values.</summary>
    public bool AllowMissing { get; init; }
}
