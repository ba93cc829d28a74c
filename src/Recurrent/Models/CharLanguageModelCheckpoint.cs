using System.Text.Json;
using Recurrent.Data;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Models;

/// <summary>
/// A <see cref="CharLanguageModel{T}"/>'s weights in one safetensors file (F32) that PyTorch loads as the state_dict of
/// <c>embed</c>/<c>rnn</c>/<c>head</c> (see the model's summary): embed.weight (V, E) when E &gt; 0;
/// rnn.weight_ih_l{k} (G·H, E|V for k = 0, H above), rnn.weight_hh_l{k} (G·H, H), rnn.bias_ih_l{k} (G·H),
/// rnn.bias_hh_l{k} (G·H) with G = 4 (LSTM i|f|g|o), 3 (GRU r|z|n), 1 (RNN); head.weight (V, H), head.bias (V).
/// <c>__metadata__</c>: <c>format</c> = "recurrent-charlm/1", <c>config</c> =
/// <see cref="CharLanguageModelConfig.ToJson"/>, <c>vocab</c> = JSON array of the tokens (strings) in index order, and
/// for a word model <c>tokens</c> = <see cref="TextTokenization.ToJson"/> (absent: characters, as in every file
/// written before word models). With tied weights the file has no head.weight: the head reads embed.weight.
/// </summary>
/// <remarks>
/// A peephole LSTM adds rnn.weight_ci_l{k}, rnn.weight_cf_l{k}, rnn.weight_co_l{k} (H each: i and f read c_{t−1}, o
/// reads c_t). torch.nn.LSTM has no peepholes, so such a file loads into it only with load_state_dict(strict=False),
/// and the module then computes a different function (the peepholes are dropped). A GRU with gru_form "spec" has
/// PyTorch's names and shapes but not its function.
/// </remarks>
public static class CharLanguageModelCheckpoint
{
    /// <summary>The <c>format</c> tag this version writes and reads.</summary>
    public const string Format = "recurrent-charlm/1";

    /// <summary>Writes the model and its vocabulary to <paramref name="path"/> atomically (a crash leaves the old
    /// file).</summary>
    /// <param name="vocabulary">The characters in index order, V of them, distinct.</param>
    public static void Save<T>(CharLanguageModel<T> model, IReadOnlyList<string> vocabulary,
        string path) where T : unmanaged, IFloatingPointIeee754<T> =>
        Save(model, vocabulary, TextTokenization.Chars, path);

    /// <summary>Writes the model, its vocabulary and how text is cut into its tokens to <paramref name="path"/>
    /// atomically.</summary>
    public static void Save<T>(CharLanguageModel<T> model, ITokenVocabulary vocabulary, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        Save(model, vocabulary.Symbols, vocabulary.Tokenization, path);
    }

    private static void Save<T>(CharLanguageModel<T> model, IReadOnlyList<string> vocabulary,
        TextTokenization tokens, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckVocabulary(vocabulary, model.Config.VocabularySize, message =>
            new ArgumentException($"vocabulary: {message}", nameof(vocabulary)));
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["config"] = model.Config.ToJson(),
            ["vocab"] = JsonSerializer.Serialize(vocabulary),
        };
        if (tokens.Kind != TokenKind.Chars) metadata["tokens"] = tokens.ToJson();
        model.Parameters.SaveSafetensors(path,
            new SafetensorsSaveOptions { DType = SafetensorsDType.F32, Metadata = metadata });
    }

    /// <summary>Reads a checkpoint into a float model (see <see cref="Load{T}"/>).</summary>
    public static (CharLanguageModelConfig Config, IReadOnlyList<string> Vocabulary,
        CharLanguageModel<float> Model) Load(string path, Random? dropout = null) =>
        Load<float>(path, dropout);

    /// <summary>Reads a checkpoint with its tokens (characters or words) into a float model (see
    /// <see cref="Load{T}"/>).</summary>
    /// <exception cref="InvalidDataException">As <see cref="Load{T}"/>, or a vocabulary that does not fit its
    /// tokens.</exception>
    public static (CharLanguageModelConfig Config, ITokenVocabulary Vocabulary, CharLanguageModel<float> Model)
        LoadWithTokens(string path, Random? dropout = null)
    {
        var (config, symbols, model, tokens) = LoadCore<float>(path, dropout);
        try { return (config, tokens.Vocabulary(symbols), model); }
        catch (ArgumentException e) { throw new InvalidDataException($"checkpoint '{path}': vocab {e.Message}", e); }
    }

    /// <summary>
    /// Reads and checks a checkpoint: the file must be safetensors, tagged <see cref="Format"/>, with a valid config, a
    /// vocabulary of vocab_size distinct strings, and exactly the tensors (names and shapes) the config implies. Any
    /// failure is an <see cref="InvalidDataException"/> naming the file and what was expected.
    /// </summary>
    /// <param name="dropout">Seeded source of dropout masks, for a model trained further; null uses Random(0) when the
    /// config has dropout.</param>
    public static (CharLanguageModelConfig Config, IReadOnlyList<string> Vocabulary,
        CharLanguageModel<T> Model) Load<T>(string path, Random? dropout = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (config, vocabulary, model, _) = LoadCore<T>(path, dropout);
        return (config, vocabulary, model);
    }

    private static (CharLanguageModelConfig Config, IReadOnlyList<string> Vocabulary, CharLanguageModel<T> Model,
        TextTokenization Tokens) LoadCore<T>(string path, Random? dropout)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = SafetensorsFile.Read(path); // InvalidDataException for anything that is not a whole safetensors file
        var meta = file.Metadata;
        if (!meta.TryGetValue("format", out var format))
            throw new InvalidDataException($"checkpoint '{path}' has no 'format' in its metadata, expected {Format} " +
                $"(a safetensors file, but not a character language model?)");
        if (format != Format)
            throw new InvalidDataException($"checkpoint '{path}' is format '{format}', expected {Format}");
        if (!meta.TryGetValue("config", out var json))
            throw new InvalidDataException($"checkpoint '{path}' has no 'config' in its metadata");
        CharLanguageModelConfig config;
        try { config = CharLanguageModelConfig.FromJson(json); }
        catch (InvalidDataException e) { throw new InvalidDataException($"checkpoint '{path}': {e.Message}", e); }
        if (!meta.TryGetValue("vocab", out var vocabJson))
            throw new InvalidDataException($"checkpoint '{path}' has no 'vocab' in its metadata");
        string[] vocabulary;
        try { vocabulary = JsonSerializer.Deserialize<string[]>(vocabJson) ?? throw new JsonException("null"); }
        catch (JsonException e)
            { throw new InvalidDataException($"checkpoint '{path}': vocab must be a JSON array of strings: {e.Message}",
            e); }
        CheckVocabulary(vocabulary, config.VocabularySize, message =>
            new InvalidDataException($"checkpoint '{path}': vocab {message}"));
        TextTokenization tokens;
        try { tokens = meta.TryGetValue("tokens", out var t) ? TextTokenization.FromJson(t) : TextTokenization.Chars; }
        catch (InvalidDataException e) { throw new InvalidDataException($"checkpoint '{path}': {e.Message}", e); }

        Sequences.ModelFileChecks.RequireParametersFit(config.ToSequenceOptions(), file, path);
        var model =
            new CharLanguageModel<T>(config, initialization: null,
            dropout ?? (config.HasDropout ? new Random(0) : null));
        try { model.Parameters.Load(file, new SafetensorsLoadOptions(), path); }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{e.Message} The expected tensors follow from the config {json}.", e);
        }
        Sequences.ModelFileChecks.RequireFinite(model.Parameters, path);
        return (config, vocabulary, model, tokens);
    }

    private static void CheckVocabulary(IReadOnlyList<string> vocabulary, int size, Func<string, Exception> error)
    {
        if (vocabulary.Count != size) throw error($"has {vocabulary.Count} entries, but vocab_size is {size}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < vocabulary.Count; i++)
        {
            if (string.IsNullOrEmpty(vocabulary[i])) throw error($"entry {i} is empty");
            if (!seen.Add(vocabulary[i]))
                throw error($"entry {i} ({JsonSerializer.Serialize(vocabulary[i])}) appears twice");
        }
    }
}
