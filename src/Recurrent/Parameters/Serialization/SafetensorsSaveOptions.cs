namespace Recurrent.Parameters.Serialization;

/// <summary>How <see cref="ParameterSetSafetensors.SaveSafetensors{T}"/> writes a parameter set.</summary>
public sealed record SafetensorsSaveOptions
{
    /// <summary>Element type in the file; null (default) writes F32 for float sets, F64 for double sets.</summary>
    public SafetensorsDType? DType { get; init; }

    /// <summary>Prepended to every parameter name, e.g. "rnn." to match a PyTorch submodule; default none.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Written as the file's <c>__metadata__</c> (string → string); default none.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
