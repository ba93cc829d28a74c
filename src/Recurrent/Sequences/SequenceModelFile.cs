using System.Text.Json;
using Recurrent.Layers.Recurrent;
using Recurrent.Models;
using Recurrent.Parameters;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Sequences;

/// <summary>
/// The one-file format of a <see cref="SequenceModel"/>: safetensors (F32) with the weights under PyTorch's names
/// (embed.weight, rnn.weight_ih_l0 …, pool.query for attention pooling, head.weight, head.bias) and <c>__metadata__</c>
/// holding <c>format</c> = "recurrent-sequence/1", <c>options</c> (<see cref="SequenceModelOptions.ToJson"/>), and when
/// present <c>vocab</c> (a JSON array of the symbols in id order), <c>classes</c> (a JSON array of the class names in
/// id order), <c>normalization</c> (a JSON object of named float arrays) and <c>properties</c> (a JSON object of
/// named strings, <see cref="SequenceModel.Properties"/>). Files of the character language model ("recurrent-charlm/1",
/// written by <c>recurrent train</c>) load as the equivalent token model with a per-step head; a word model's
/// tokenization (its <c>tokens</c> metadata: words, lowercase, minimum count) becomes the property "tokens", so that
/// what the vocabulary's symbols are travels with the model (into an ONNX file's metadata, for one).
/// </summary>
public static class SequenceModelFile
{
    /// <summary>The <c>format</c> tag this version writes.</summary>
    public const string Format = "recurrent-sequence/1";

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(SequenceModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var metadata = new Dictionary<string, string> { ["format"] = Format, ["options"] = model.Options.ToJson() };
        if (model.Vocabulary is { } vocabulary)
        {
            if (vocabulary.Count != model.Options.InputSize || model.Options.Input != InputKind.Tokens)
                throw new ArgumentException(
                    $"vocabulary: expected {model.Options.InputSize} symbols of a token model, got {vocabulary.Count}");
            metadata["vocab"] = JsonSerializer.Serialize(vocabulary);
        }
        if (model.ClassNames is { } classes)
        {
            if (classes.Count != model.Options.OutputSize)
                throw new ArgumentException(
                    $"class names: expected {model.Options.OutputSize} (one per output), got {classes.Count}");
            metadata["classes"] = JsonSerializer.Serialize(classes);
        }
        if (model.Normalization.Count > 0) metadata["normalization"] = JsonSerializer.Serialize(model.Normalization);
        if (model.Properties.Count > 0) metadata["properties"] = JsonSerializer.Serialize(model.Properties);
        model.Parameters.SaveSafetensors(path,
            new SafetensorsSaveOptions { DType = SafetensorsDType.F32, Metadata = metadata });
    }

    /// <summary>Reads a model file (class summary); <see cref="InvalidDataException"/> names the file and the
    /// problem.</summary>
    public static SequenceModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = SafetensorsFile.Read(path);
        var meta = file.Metadata;
        if (!meta.TryGetValue("format", out var format))
            throw new InvalidDataException($"model file '{path}' has no 'format' in its metadata, expected {Format}");
        var (options, vocabulary) = format switch
        {
            Format => (Options(meta, path), Vocabulary(meta, path)),
            CharLanguageModelCheckpoint.Format => (FromCharModel(meta, path), Vocabulary(meta, path)),
            _ => throw new InvalidDataException(
                $"model file '{path}' is format '{format}', expected {Format} or {CharLanguageModelCheckpoint.Format}"),
        };
        ModelFileChecks.RequireParametersFit(options, file, path);
        var dropout = new ResumableRandom(0); // a trainer that resumes sets its state
        var network = new SequenceNetwork<float>(options, initialization: null, dropout);
        network.Parameters.Load(file, new SafetensorsLoadOptions(), path);
        ModelFileChecks.RequireFinite(network.Parameters, path);
        var classes = StringArray(meta, "classes", path);
        if (classes is not null && classes.Length != options.OutputSize)
            throw new InvalidDataException(
                $"model file '{path}': classes has {classes.Length} names, expected {options.OutputSize} (one per " +
                    "output)");
        var model = new SequenceModel(network)
        {
            Vocabulary = vocabulary, ClassNames = classes, DropoutRandom = dropout,
        };
        if (meta.TryGetValue("normalization", out var normalization))
        {
            try
            {
                model.Normalization = JsonSerializer.Deserialize<Dictionary<string, float[]>>(normalization)
                    ?? throw new JsonException("null");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException(
                    $"model file '{path}': normalization must be a JSON object of float arrays: {e.Message}", e);
            }
        }
        if (meta.TryGetValue("properties", out var properties))
        {
            try
            {
                model.Properties = JsonSerializer.Deserialize<Dictionary<string, string>>(properties)
                    ?? throw new JsonException("null");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException(
                    $"model file '{path}': properties must be a JSON object of strings: {e.Message}", e);
            }
        }
        if (format == CharLanguageModelCheckpoint.Format && meta.TryGetValue("tokens", out var tokens))
            model.Properties = new Dictionary<string, string> { ["tokens"] = tokens };
        if (vocabulary is not null && (options.Input != InputKind.Tokens || vocabulary.Length != options.InputSize))
            throw new InvalidDataException(
                $"model file '{path}': vocab has {vocabulary.Length} symbols, expected {options.InputSize} of a " +
                    $"token model");
        return model;
    }

    private static SequenceModelOptions Options(IReadOnlyDictionary<string, string> meta, string path)
    {
        if (!meta.TryGetValue("options", out var json))
            throw new InvalidDataException($"model file '{path}' has no 'options' in its metadata");
        try { return SequenceModelOptions.FromJson(json); }
        catch (InvalidDataException e) { throw new InvalidDataException($"model file '{path}': {e.Message}", e); }
    }

    /// <summary>The character language model's config as the equivalent sequence model.</summary>
    private static SequenceModelOptions FromCharModel(IReadOnlyDictionary<string, string> meta, string path)
    {
        if (!meta.TryGetValue("config", out var json))
            throw new InvalidDataException($"model file '{path}' has no 'config' in its metadata");
        CharLanguageModelConfig config;
        try { config = CharLanguageModelConfig.FromJson(json); }
        catch (InvalidDataException e) { throw new InvalidDataException($"model file '{path}': {e.Message}", e); }
        return config.ToSequenceOptions();
    }

    private static string[]? Vocabulary(IReadOnlyDictionary<string, string> meta, string path) =>
        StringArray(meta, "vocab", path);

    private static string[]? StringArray(IReadOnlyDictionary<string, string> meta, string key, string path)
    {
        if (!meta.TryGetValue(key, out var json)) return null;
        try { return JsonSerializer.Deserialize<string[]>(json) ?? throw new JsonException("null"); }
        catch (JsonException e)
        {
            throw new InvalidDataException($"model file '{path}': {key} must be a JSON array of strings: {e.Message}",
                e);
        }
    }
}
