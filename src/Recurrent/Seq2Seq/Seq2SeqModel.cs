using System.Text.Json;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Seq2Seq;

/// <summary>
/// A trainable sequence-to-sequence model with its token vocabularies: text in, text out. Train it with
/// <see cref="Seq2SeqTrainer"/>, decode with <see cref="Decode"/>, score with <see cref="Seq2SeqMetrics"/>, keep it
/// with <see cref="Save"/> and <see cref="Load"/>. Source tokens never seen in training map to
/// <see cref="TokenVocabulary.Unknown"/>, whose embedding training never updates (the documented fallback).
/// </summary>
/// <remarks>The file is safetensors (F32) with the weights under <see cref="Seq2SeqNetwork{T}"/>'s names and
/// <c>__metadata__</c>: <c>format</c> = "recurrent-seq2seq/1", <c>options</c>, <c>source_unit</c>,
/// <c>target_unit</c>, <c>source_vocab</c> and <c>target_vocab</c> (JSON arrays of the learned tokens in id
/// order).</remarks>
public sealed class Seq2SeqModel
{
    /// <summary>The <c>format</c> tag of the model file.</summary>
    public const string Format = "recurrent-seq2seq/1";

    /// <summary>A new model whose vocabulary sizes come from <paramref name="source"/> and
    /// <paramref name="target"/>.</summary>
    /// <param name="options">The architecture; its vocabulary sizes are replaced by the vocabularies' counts.</param>
    /// <param name="source">Source tokens.</param>
    /// <param name="target">Target tokens.</param>
    /// <param name="initialization">Seeded source of the initial weights.</param>
    public Seq2SeqModel(Seq2SeqOptions options, TokenVocabulary source, TokenVocabulary target, Random initialization)
        : this(new Seq2SeqNetwork<float>(options with
        {
            SourceVocabularySize = source.Count, TargetVocabularySize = target.Count,
        }, initialization ?? throw new ArgumentNullException(nameof(initialization))), source, target)
    {
    }

    private Seq2SeqModel(Seq2SeqNetwork<float> network, TokenVocabulary source, TokenVocabulary target)
    {
        Network = network;
        SourceVocabulary = source;
        TargetVocabulary = target;
    }

    /// <summary>The architecture.</summary>
    public Seq2SeqOptions Options => Network.Options;

    /// <summary>Source tokens and their ids.</summary>
    public TokenVocabulary SourceVocabulary { get; }

    /// <summary>Target tokens and their ids.</summary>
    public TokenVocabulary TargetVocabulary { get; }

    /// <summary>The float32 network.</summary>
    public Seq2SeqNetwork<float> Network { get; }

    /// <summary>The outputs of <paramref name="sources"/>, in order.</summary>
    /// <exception cref="ArgumentException">A source has no tokens.</exception>
    public IReadOnlyList<string> Decode(IReadOnlyList<string> sources, Seq2SeqDecodingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        options ??= new Seq2SeqDecodingOptions();
        options.Validate();
        var outputs = new string[sources.Count];
        for (int start = 0; start < sources.Count; start += options.BatchSize)
        {
            int count = Math.Min(options.BatchSize, sources.Count - start);
            var ids = new int[count][];
            for (int i = 0; i < count; i++) ids[i] = EncodeSource(sources[start + i]);
            int[] maxLengths = [.. ids.Select(s => options.MaxLength ?? 2 * s.Length + 10)];
            var results = options.BeamWidth == 1 ? BeamSearch.Greedy(Network, ids, maxLengths)
                : BeamSearch.Beam(Network, ids, options.BeamWidth, maxLengths, options.LengthPenalty);
            for (int i = 0; i < count; i++) outputs[start + i] = TargetVocabulary.Decode(results[i]);
        }
        return outputs;
    }

    /// <summary>The attention weights of the greedy output of <paramref name="source"/>; null without
    /// attention.</summary>
    public Seq2SeqAttentionMap? AttentionMap(string source, int? maxLength = null)
    {
        if (Options.Attention == AttentionKind.None) return null;
        var ids = EncodeSource(source);
        var states = Network.BeginDecoding([ids], 1);
        var rows = new List<double[]>();
        var outputs = new List<string>();
        int previous = TokenVocabulary.Start;
        for (int step = 0; step < (maxLength ?? 2 * ids.Length + 10); step++)
        {
            var logits = Network.DecodeStep([previous], states);
            var weights = Network.StepAttentionWeights!.Span; // (1, 1, Ts)
            rows.Add([.. weights[..ids.Length].ToArray().Select(w => (double)w)]);
            previous = BeamSearch.ArgMax<float>(logits.Row(0));
            outputs.Add(TargetVocabulary[previous]);
            if (previous == TokenVocabulary.End) break;
        }
        return new Seq2SeqAttentionMap(TokenVocabulary.Split(source, SourceVocabulary.Unit), outputs, rows);
    }

    /// <summary>The source's ids; unseen tokens become <see cref="TokenVocabulary.Unknown"/>.</summary>
    internal int[] EncodeSource(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var ids = SourceVocabulary.Encode(source);
        if (ids.Length == 0) throw new ArgumentException("a source has no tokens");
        return ids;
    }

    /// <summary>Writes the model file (class remarks) atomically.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format, ["options"] = Options.ToJson(),
            ["source_unit"] = SourceVocabulary.Unit.ToString().ToLowerInvariant(),
            ["target_unit"] = TargetVocabulary.Unit.ToString().ToLowerInvariant(),
            ["source_vocab"] = JsonSerializer.Serialize(SourceVocabulary.LearnedTokens),
            ["target_vocab"] = JsonSerializer.Serialize(TargetVocabulary.LearnedTokens),
        };
        Network.Parameters.SaveSafetensors(path,
            new SafetensorsSaveOptions { DType = SafetensorsDType.F32, Metadata = metadata });
    }

    /// <summary>Reads a model file; <see cref="InvalidDataException"/> names the file and what is wrong (another kind
    /// of model file included).</summary>
    public static Seq2SeqModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = SafetensorsFile.Read(path);
        var meta = file.Metadata;
        if (!meta.TryGetValue("format", out var format) || format != Format)
            throw new InvalidDataException($"model file '{path}' is " +
                (format is null ? "not a recurrent model" : $"format '{format}'") + $", expected {Format}");
        try
        {
            var options = Seq2SeqOptions.FromJson(Field(meta, "options", path));
            var source = new TokenVocabulary(Unit(Field(meta, "source_unit", path), path),
                JsonSerializer.Deserialize<string[]>(Field(meta, "source_vocab", path)) ?? []);
            var target = new TokenVocabulary(Unit(Field(meta, "target_unit", path), path),
                JsonSerializer.Deserialize<string[]>(Field(meta, "target_vocab", path)) ?? []);
            if (source.Count != options.SourceVocabularySize || target.Count != options.TargetVocabularySize)
                throw new InvalidDataException($"model file '{path}': the vocabularies ({source.Count}, " +
                    $"{target.Count}) do not match the options ({options.SourceVocabularySize}, " +
                    $"{options.TargetVocabularySize})");
            var network = new Seq2SeqNetwork<float>(options, initialization: null);
            network.Parameters.Load(file, new SafetensorsLoadOptions(), path);
            return new Seq2SeqModel(network, source, target);
        }
        catch (JsonException e) { throw new InvalidDataException($"model file '{path}': {e.Message}", e); }
        catch (ArgumentException e) { throw new InvalidDataException($"model file '{path}': {e.Message}", e); }
    }

    private static string Field(IReadOnlyDictionary<string, string> meta, string name, string path) =>
        meta.TryGetValue(name, out var value) ? value
            : throw new InvalidDataException($"model file '{path}' has no '{name}' in its metadata");

    private static TokenUnit Unit(string text, string path) => text switch
    {
        "chars" => TokenUnit.Chars,
        "words" => TokenUnit.Words,
        _ => throw new InvalidDataException($"model file '{path}': token unit '{text}', expected chars or words"),
    };
}
