using System.Text.Json;
using System.Text.Json.Serialization;
using Recurrent.Layers.Recurrent;

namespace Recurrent.Sequences;

/// <summary>
/// The architecture of a <see cref="SequenceModel"/>: input → recurrent stack → head, with PyTorch's layout
/// (<c>embed.weight</c>, <c>rnn.weight_ih_l0</c> …, <c>pool.query</c> for attention pooling, <c>head.weight</c>,
/// <c>head.bias</c>). Saved with the weights, so a model file rebuilds itself (<see cref="SequenceModel.Load"/>).
/// <code>
/// x (T, B, F) or ids (T·B) ─► [one-hot | embedding] ─► RNN/LSTM/GRU × L (bidirectional?) ─► y (T, B, D·H)
///   per step:      z = y W_headᵀ + b_head                      (T, B, K)
///   per sequence:  z = pool_t≤L_b(y) W_headᵀ + b_head          (B, K)
/// </code>
/// Glossary: T steps, B sequences, F features, V vocabulary, E embedding width, H hidden size, L layers, D directions,
/// K outputs, L_b the length of sequence b.
/// </summary>
public sealed record SequenceModelOptions
{
    /// <summary>Features (default) or token ids.</summary>
    public InputKind Input { get; init; } = InputKind.Features;

    /// <summary>F, the features per step, or V, the vocabulary size, for token input. Required.</summary>
    public int InputSize { get; init; }

    /// <summary>E for token input: 0 (default) feeds one-hot vectors, E &gt; 0 an embedding of width E.</summary>
    public int EmbeddingSize { get; init; }

    /// <summary>The recurrent cell (default LSTM).</summary>
    public CellKind Cell { get; init; } = CellKind.Lstm;

    /// <summary>H, the units of every layer and direction (default 64).</summary>
    public int HiddenSize { get; init; } = 64;

    /// <summary>L, the stacked layers (default 1).</summary>
    public int NumLayers { get; init; } = 1;

    /// <summary>Two directions per layer, concatenated (default false).</summary>
    public bool Bidirectional { get; init; }

    /// <summary>Dropout between stacked layers while training, in [0, 1) (default 0).</summary>
    public double Dropout { get; init; }

    /// <summary>LSTM peepholes (default false).</summary>
    public bool Peepholes { get; init; }

    /// <summary>Which GRU (default PyTorch's).</summary>
    public GruForm GruForm { get; init; } = GruForm.ResetAfterProduct;

    /// <summary>One answer per sequence (default) or per step.</summary>
    public HeadKind Head { get; init; } = HeadKind.PerSequence;

    /// <summary>How a per-sequence head reduces the steps (default the last valid step; Attention adds the learned
    /// query "pool.query").</summary>
    public PoolingKind Pooling { get; init; } = PoolingKind.Last;

    /// <summary>K, the outputs of the head (classes, or values to predict). Required.</summary>
    public int OutputSize { get; init; }

    /// <summary>
    /// Dropout on the stack's input while training, in [0, 1) (default 0): x ← m ⊙ x with m_i ∈ {0, 1/(1 − p)}, as
    /// PyTorch's word_language_model applies to its embeddings (<c>drop(encoder(input))</c>). Not written to a model
    /// file when 0.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double InputDropout { get; init; }

    /// <summary>Dropout on the stack's output before the head while training, in [0, 1) (default 0), as the same
    /// example's <c>drop(output)</c>. Not written to a model file when 0.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double OutputDropout { get; init; }

    /// <summary>
    /// Weight tying (Press &amp; Wolf 2017): a per-step head over the vocabulary reuses the embedding matrix,
    /// z = y W_embedᵀ + b_head, so "head.weight" does not exist; needs token input with E = H, one direction and
    /// K = V. Default false (not written to a model file).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool TieWeights { get; init; }

    /// <summary>The width the stack reads: F, V (one-hot) or E.</summary>
    [JsonIgnore]
    public int StackInputSize => Input == InputKind.Tokens && EmbeddingSize > 0 ? EmbeddingSize : InputSize;

    /// <summary>The width of the stack's output: D·H.</summary>
    [JsonIgnore]
    public int StackOutputSize => Bidirectional ? 2 * HiddenSize : HiddenSize;

    /// <summary>The stack these options describe (parameters named "rnn.*").</summary>
    internal RecurrentStackOptions StackOptions() => new(Cell, StackInputSize, HiddenSize, NumLayers, Bidirectional,
        Dropout: Dropout, Peepholes: Peepholes, GruForm: GruForm, Prefix: "rnn.");

    /// <summary>Throws an <see cref="ArgumentException"/> that names the first option out of range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Input)) throw new ArgumentException($"Input: unknown kind {(int)Input}");
        if (!Enum.IsDefined(Head)) throw new ArgumentException($"Head: unknown kind {(int)Head}");
        if (!Enum.IsDefined(Pooling)) throw new ArgumentException($"Pooling: unknown kind {(int)Pooling}");
        if (InputSize <= 0)
            throw new ArgumentException(Input == InputKind.Tokens
                ? $"InputSize: expected the vocabulary size V ≥ 1, got {InputSize}"
                : $"InputSize: expected the features per step F ≥ 1, got {InputSize}");
        if (EmbeddingSize < 0) throw new ArgumentException($"EmbeddingSize: expected ≥ 0, got {EmbeddingSize}");
        if (EmbeddingSize > 0 && Input != InputKind.Tokens)
            throw new ArgumentException($"EmbeddingSize: an embedding reads token ids, but Input is {Input}");
        if (OutputSize <= 0)
            throw new ArgumentException($"OutputSize: expected the head's outputs K ≥ 1, got {OutputSize}");
        if (!(InputDropout >= 0 && InputDropout < 1))
            throw new ArgumentException($"InputDropout: expected a value in [0, 1), got {InputDropout}");
        if (!(OutputDropout >= 0 && OutputDropout < 1))
            throw new ArgumentException($"OutputDropout: expected a value in [0, 1), got {OutputDropout}");
        if (TieWeights)
        {
            if (Input != InputKind.Tokens || EmbeddingSize == 0)
                throw new ArgumentException("TieWeights: the head can share only an embedding (token input, E > 0)");
            if (EmbeddingSize != HiddenSize)
                throw new ArgumentException($"TieWeights: needs the embedding width E equal to the hidden size H, " +
                    $"got E = {EmbeddingSize}, H = {HiddenSize}");
            if (Bidirectional || Head != HeadKind.PerStep || OutputSize != InputSize)
                throw new ArgumentException("TieWeights: needs one direction and a per-step head over the vocabulary " +
                    "(K = V)");
        }
        StackOptions().Validate();
    }

    /// <summary>The options as one JSON object (snake_case names, enums as words), as stored in a model file.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// Parses <see cref="ToJson"/>'s object and validates it; an <see cref="InvalidDataException"/> names what is wrong
    /// (a missing or unknown field, a bad value).
    /// </summary>
    public static SequenceModelOptions FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var options = JsonSerializer.Deserialize<SequenceModelOptions>(json, Json)
                ?? throw new InvalidDataException("model options: expected a JSON object, got null");
            options.Validate();
            return options;
        }
        catch (JsonException e) { throw new InvalidDataException($"model options are not valid: {e.Message}", e); }
        catch (ArgumentException e) { throw new InvalidDataException($"model options: {e.Message}", e); }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
