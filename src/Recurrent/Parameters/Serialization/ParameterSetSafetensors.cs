namespace Recurrent.Parameters.Serialization;

/// <summary>
/// Saves and loads a <see cref="ParameterSet{T}"/> as safetensors under its PyTorch state_dict names, so that
/// <c>module.load_state_dict(safetensors.torch.load_file(path))</c> takes our files and we take PyTorch's.
/// </summary>
public static class ParameterSetSafetensors
{
    /// <summary>Writes every parameter (in set order) to <paramref name="path"/> atomically.</summary>
    public static void SaveSafetensors<T>(this ParameterSet<T> parameters, string path,
        SafetensorsSaveOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        parameters.ToSafetensors(options).Write(path);

    /// <summary>The file contents <see cref="SaveSafetensors{T}"/> would write.</summary>
    public static SafetensorsFile ToSafetensors<T>(this ParameterSet<T> parameters,
        SafetensorsSaveOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        options ??= new SafetensorsSaveOptions();
        var tensors = parameters.Parameters
            .Select(p => SafetensorsTensor.From<T>(options.Prefix + p.Name, p.Value.Span, p.Shape, options.DType));
        return new SafetensorsFile(tensors, options.Metadata);
    }

    /// <summary>
    /// Reads <paramref name="path"/> and copies each tensor into the parameter of the same name, converting dtype.
    /// Missing and unexpected names and shape mismatches are all reported in one <see cref="InvalidDataException"/>,
    /// and nothing is copied unless everything matches. Returns the file's metadata.
    /// </summary>
    public static IReadOnlyDictionary<string,
        string> LoadSafetensors<T>(this ParameterSet<T> parameters, string path, SafetensorsLoadOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = SafetensorsFile.Read(path);
        parameters.Load(file, options, path);
        return file.Metadata;
    }

    /// <summary>As <see cref="LoadSafetensors{T}"/>, from contents already read; <paramref name="source"/> names them
    /// in messages.</summary>
    public static void Load<T>(this ParameterSet<T> parameters, SafetensorsFile file,
        SafetensorsLoadOptions? options = null, string source = "<memory>")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(file);
        options ??= new SafetensorsLoadOptions();
        parameters.Seal();

        var problems = new List<string>();
        var matches = new List<(Parameter<T> Parameter, SafetensorsTensor Tensor)>();
        foreach (var parameter in parameters.Parameters)
        {
            string name = options.Prefix + parameter.Name;
            if (!file.TryGet(name, out var tensor))
            {
                if (!options.AllowMissing) problems.Add($"missing {name} {ShapeText.Format(parameter.Shape)}");
                continue;
            }
            if (!tensor.Shape.AsSpan().SequenceEqual(parameter.Shape))
                problems.Add($"expected {name} {ShapeText.Format(parameter.Shape)}, got " +
                    $"{ShapeText.Format(tensor.Shape)}");
            else
                matches.Add((parameter, tensor));
        }
        if (options.Strict)
        {
            foreach (var tensor in file.Tensors)
            {
                if (tensor.Name.StartsWith(options.Prefix, StringComparison.Ordinal)
                    && !parameters.Contains(tensor.Name[options.Prefix.Length..]))
                    problems.Add($"unexpected {tensor.Name} {ShapeText.Format(tensor.Shape)}");
            }
        }
        if (problems.Count > 0)
        {
            string prefix = options.Prefix.Length > 0 ? $" under prefix '{options.Prefix}'" : "";
            throw new InvalidDataException(
                $"checkpoint '{source}' does not match the parameters{prefix} ({problems.Count} " +
                    $"problem{(problems.Count == 1 ? "" : "s")}): " +
                string.Join("; ", problems)
                    + $". The file holds {SafetensorsFile.Preview(file.Tensors.Select(t => t.Name))}.");
        }
        foreach (var (parameter, tensor) in matches) tensor.CopyTo(parameter.Value.Span);
    }
}
