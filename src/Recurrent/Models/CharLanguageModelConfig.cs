using System.Globalization;
using System.Text;
using System.Text.Json;
using Recurrent.Layers.Recurrent;

namespace Recurrent.Models;

/// <summary>
/// The shape of a <see cref="CharLanguageModel{T}"/>, and the <c>config</c> entry of its checkpoint's metadata. JSON
/// fields (<see cref="ToJson"/>, <see cref="FromJson"/>): <c>model</c> "lstm" | "gru" | "rnn", <c>vocab_size</c>,
/// <c>hidden</c>, <c>layers</c>, <c>embedding</c> (0 = one-hot input), <c>dropout</c>, <c>peephole</c> (bool, LSTM
/// only), <c>gru_form</c> "pytorch" (<see cref="GruForm.ResetAfterProduct"/>, torch.nn.GRU) | "spec"
/// (<see cref="GruForm.ResetBeforeProduct"/>, the course's GRU, docs/equations.md#gru; no torch module computes it),
/// written for every model, read only by a GRU. Written only when set (so files without them read as before):
/// <c>tie_weights</c> (bool), <c>embedding_dropout</c>, <c>output_dropout</c>.
/// </summary>
/// <param name="Model">The cell of every layer (the RNN's is tanh, as torch.nn.RNN's default).</param>
/// <param name="VocabularySize">V: the number of characters, the width of the one-hot input and of the logits.</param>
/// <param name="HiddenSize">H of every layer (JSON <c>hidden</c>; PyTorch's hidden_size).</param>
/// <param name="NumLayers">L ≥ 1 (JSON <c>layers</c>; PyTorch's num_layers).</param>
/// <param name="Embedding">E &gt; 0: an nn.Embedding(V, E) feeds the stack; 0: the one-hot vector of each index
/// does.</param>
/// <param name="Dropout">p in [0, 1) between recurrent layers (PyTorch's dropout argument), in training only.</param>
/// <param name="Peepholes">LSTM peepholes (tensors rnn.weight_ci/cf/co_l{k}, which torch.nn.LSTM lacks).</param>
/// <param name="GruForm">Which GRU (see above).</param>
/// <param name="TieWeights">The head reuses the embedding matrix (Press &amp; Wolf): z = W_embed h + b_head; needs
/// E = H. The file then has no head.weight.</param>
/// <param name="EmbeddingDropout">p in [0, 1) on the embeddings (the stack's input), in training only.</param>
/// <param name="OutputDropout">p in [0, 1) on the top layer's output before the head, in training only.</param>
public sealed record CharLanguageModelConfig(
    CellKind Model,
    int VocabularySize,
    int HiddenSize,
    int NumLayers = 1,
    int Embedding = 0,
    double Dropout = 0,
    bool Peepholes = false,
    GruForm GruForm = GruForm.ResetAfterProduct,
    bool TieWeights = false,
    double EmbeddingDropout = 0,
    double OutputDropout = 0)
{
    /// <summary>True when any dropout is on, so the model needs a seeded source of masks.</summary>
    public bool HasDropout => Dropout > 0 || EmbeddingDropout > 0 || OutputDropout > 0;

    /// <summary>The width of the stack's input: E, or V for one-hot input.</summary>
    public int InputSize => Embedding > 0 ? Embedding : VocabularySize;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range and what it must
    /// be.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Model)) throw new ArgumentException($"model: unknown cell kind {(int)Model}");
        if (VocabularySize < 1) throw new ArgumentException($"vocab_size must be at least 1, got {VocabularySize}");
        if (HiddenSize < 1) throw new ArgumentException($"hidden must be at least 1, got {HiddenSize}");
        if (NumLayers < 1) throw new ArgumentException($"layers must be at least 1, got {NumLayers}");
        if (Embedding < 0)
            throw new ArgumentException($"embedding must be 0 (one-hot input) or positive, got {Embedding}");
        if (!(Dropout >= 0 && Dropout < 1))
            throw new ArgumentException($"dropout must be in [0, 1), got " +
            $"{Dropout.ToString(CultureInfo.InvariantCulture)}");
        if (Peepholes && Model != CellKind.Lstm)
            throw new ArgumentException($"peephole needs an lstm, got {CellKinds.Name(Model)}");
        if (!Enum.IsDefined(GruForm)) throw new ArgumentException($"gru_form: unknown form {(int)GruForm}");
        if (!(EmbeddingDropout >= 0 && EmbeddingDropout < 1))
            throw new ArgumentException($"embedding dropout must be in [0, 1), got {EmbeddingDropout}");
        if (!(OutputDropout >= 0 && OutputDropout < 1))
            throw new ArgumentException($"output dropout must be in [0, 1), got {OutputDropout}");
        if (TieWeights && Embedding != HiddenSize)
            throw new ArgumentException($"tie-weights needs the embedding width equal to the hidden size, got " +
                $"embedding {Embedding}, hidden {HiddenSize}");
    }

    /// <summary>One JSON object with the fields of the class summary, in that order.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("model", CellKinds.Name(Model));
            w.WriteNumber("vocab_size", VocabularySize);
            w.WriteNumber("hidden", HiddenSize);
            w.WriteNumber("layers", NumLayers);
            w.WriteNumber("embedding", Embedding);
            w.WriteNumber("dropout", Dropout);
            w.WriteBoolean("peephole", Peepholes);
            w.WriteString("gru_form", GruForm == GruForm.ResetAfterProduct ? "pytorch" : "spec");
            if (TieWeights) w.WriteBoolean("tie_weights", true);
            if (EmbeddingDropout > 0) w.WriteNumber("embedding_dropout", EmbeddingDropout);
            if (OutputDropout > 0) w.WriteNumber("output_dropout", OutputDropout);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Parses <see cref="ToJson"/>'s object and validates it; <see cref="InvalidDataException"/> names a
    /// missing or bad field.</summary>
    /// <remarks>peephole, gru_form, dropout and embedding may be absent (false, "pytorch", 0, 0); the others are
    /// required.</remarks>
    public static CharLanguageModelConfig FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"config must be a JSON object, got {root.ValueKind}");
            string model = String(root, "model") ?? throw Missing("model");
            if (!CellKinds.TryParse(model, out var cell))
                throw new InvalidDataException($"config: model must be \"lstm\", \"gru\" or \"rnn\", got \"{model}\"");
            var config = new CharLanguageModelConfig(
                cell,
                Int(root, "vocab_size") ?? throw Missing("vocab_size"),
                Int(root, "hidden") ?? throw Missing("hidden"),
                Int(root, "layers") ?? throw Missing("layers"),
                Int(root, "embedding") ?? 0,
                root.TryGetProperty("dropout", out var p) ? Number(p, "dropout") : 0,
                root.TryGetProperty("peephole", out var ph) && Bool(ph, "peephole"),
                (String(root, "gru_form") ?? "pytorch") switch
                {
                    "pytorch" => GruForm.ResetAfterProduct, "spec" => GruForm.ResetBeforeProduct,
                    var other =>
                        throw new InvalidDataException($"config: gru_form must be \"pytorch\" or \"spec\", got " +
                        $"\"{other}\""),
                },
                root.TryGetProperty("tie_weights", out var tie) && Bool(tie, "tie_weights"),
                root.TryGetProperty("embedding_dropout", out var ed) ? Number(ed, "embedding_dropout") : 0,
                root.TryGetProperty("output_dropout", out var od) ? Number(od, "output_dropout") : 0);
            config.Validate();
            return config;
        }
        catch (JsonException e) { throw new InvalidDataException($"config is not valid JSON: {e.Message}", e); }
        catch (ArgumentException e) { throw new InvalidDataException($"config: {e.Message}", e); }
    }

    private static InvalidDataException Missing(string field) => new($"config has no '{field}'");

    private static string? String(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var e)) return null;
        return e.ValueKind == JsonValueKind.String ? e.GetString()
            : throw new InvalidDataException($"config: {name} must be a string, got {e.ValueKind}");
    }

    private static int? Int(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var e)) return null;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v) ? v
            : throw new InvalidDataException($"config: {name} must be an integer, got {e}");
    }

    private static double Number(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Number ? e.GetDouble()
            : throw new InvalidDataException($"config: {name} must be a number, got {e}");

    private static bool Bool(JsonElement e, string name) => e.ValueKind switch
    {
        JsonValueKind.True => true, JsonValueKind.False => false,
        _ => throw new InvalidDataException($"config: {name} must be true or false, got {e}"),
    };

    /// <summary>The same network as a sequence model: token input (one-hot or embedded), a per-step head of V
    /// logits.</summary>
    internal Sequences.SequenceModelOptions ToSequenceOptions() => new()
    {
        Input = Sequences.InputKind.Tokens, InputSize = VocabularySize, EmbeddingSize = Embedding, Cell = Model,
        HiddenSize = HiddenSize, NumLayers = NumLayers, Dropout = Dropout, Peepholes = Peepholes, GruForm = GruForm,
        Head = Sequences.HeadKind.PerStep, OutputSize = VocabularySize, TieWeights = TieWeights,
        InputDropout = EmbeddingDropout, OutputDropout = OutputDropout,
    };
}
