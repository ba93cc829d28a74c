using System.Text.Json;
using System.Text.Json.Serialization;
using Recurrent.Layers.Recurrent;

namespace Recurrent.Seq2Seq;

/// <summary>
/// The architecture of a <see cref="Seq2SeqNetwork{T}"/>: source embedding → encoder stack (optionally
/// bidirectional) → bridge → decoder stack fed the previous target token → attention → output. Saved with the weights,
/// so a model file rebuilds itself.
/// </summary>
/// <param name="SourceVocabularySize">V_src, source token ids (the four reserved ids included).</param>
/// <param name="TargetVocabularySize">V_tgt, target token ids (the four reserved ids included).</param>
/// <param name="Attention">The score; default Luong general.</param>
/// <param name="Cell">The cell of both stacks (LSTM or GRU; default LSTM).</param>
/// <param name="EmbeddingSize">E of both embeddings; default 64.</param>
/// <param name="EncoderHiddenSize">H_e of each encoder direction; default 128.</param>
/// <param name="DecoderHiddenSize">H_d; default 256, so that a bidirectional encoder's 2·H_e meets it without a
/// projection.</param>
/// <param name="NumLayers">L of both stacks; default 1.</param>
/// <param name="Bidirectional">A bidirectional encoder; default true.</param>
/// <param name="AttentionSize">A of the additive score; default 128.</param>
public sealed record Seq2SeqOptions(
    int SourceVocabularySize,
    int TargetVocabularySize,
    AttentionKind Attention = AttentionKind.LuongGeneral,
    CellKind Cell = CellKind.Lstm,
    int EmbeddingSize = 64,
    int EncoderHiddenSize = 128,
    int DecoderHiddenSize = 256,
    int NumLayers = 1,
    bool Bidirectional = true,
    int AttentionSize = 128)
{
    /// <summary>D·H_e, the width of the encoder's outputs (the attention's keys) and of its final states.</summary>
    [JsonIgnore]
    public int EncoderOutputSize => Bidirectional ? 2 * EncoderHiddenSize : EncoderHiddenSize;

    /// <summary>True when the encoder's final state (D·H_e per layer) needs a projection to H_d.</summary>
    [JsonIgnore]
    public bool ProjectsState => EncoderOutputSize != DecoderHiddenSize;

    /// <summary>Throws an <see cref="ArgumentException"/> that names the first option out of range.</summary>
    public void Validate()
    {
        if (SourceVocabularySize <= TokenVocabulary.ReservedCount)
            throw new ArgumentException($"source vocabulary size must exceed the {TokenVocabulary.ReservedCount} " +
                $"reserved ids, got {SourceVocabularySize}");
        if (TargetVocabularySize <= TokenVocabulary.ReservedCount)
            throw new ArgumentException($"target vocabulary size must exceed the {TokenVocabulary.ReservedCount} " +
                $"reserved ids, got {TargetVocabularySize}");
        if (!Enum.IsDefined(Attention)) throw new ArgumentException($"unknown attention {Attention}");
        if (Cell is not (CellKind.Lstm or CellKind.Gru or CellKind.Rnn))
            throw new ArgumentException($"unknown cell {Cell}");
        if (EmbeddingSize <= 0) throw new ArgumentException($"embedding size must be > 0, got {EmbeddingSize}");
        if (EncoderHiddenSize <= 0)
            throw new ArgumentException($"encoder hidden size must be > 0, got {EncoderHiddenSize}");
        if (DecoderHiddenSize <= 0)
            throw new ArgumentException($"decoder hidden size must be > 0, got {DecoderHiddenSize}");
        if (NumLayers <= 0) throw new ArgumentException($"layers must be > 0, got {NumLayers}");
        if (AttentionSize <= 0) throw new ArgumentException($"attention size must be > 0, got {AttentionSize}");
        if (Attention == AttentionKind.LuongDot && EncoderOutputSize != DecoderHiddenSize)
            throw new ArgumentException($"the dot score needs the encoder's output size ({EncoderOutputSize}) to " +
                $"equal the decoder's hidden size ({DecoderHiddenSize})");
    }

    /// <summary>The options as one JSON object (snake_case names, enums as strings).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses <see cref="ToJson"/>'s object and validates it; an <see cref="InvalidDataException"/> names what
    /// is wrong.</summary>
    public static Seq2SeqOptions FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var options = JsonSerializer.Deserialize<Seq2SeqOptions>(json, Json)
                ?? throw new InvalidDataException("seq2seq options: expected a JSON object, got null");
            options.Validate();
            return options;
        }
        catch (JsonException e) { throw new InvalidDataException($"seq2seq options are not valid: {e.Message}", e); }
        catch (ArgumentException e) { throw new InvalidDataException($"seq2seq options: {e.Message}", e); }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
