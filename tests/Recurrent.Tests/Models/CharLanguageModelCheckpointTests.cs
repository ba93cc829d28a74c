using Recurrent.Layers.Recurrent;
using Recurrent.Models;
using Recurrent.Parameters.Serialization;
using Recurrent.Tests.Support;
using static Recurrent.Tests.Models.CharModels;

namespace Recurrent.Tests.Models;

/// <summary>Checkpoints round-trip exactly, carry PyTorch's names and the metadata, and bad files fail with clear
/// messages.</summary>
public sealed class CharLanguageModelCheckpointTests : IDisposable
{
    private static readonly string[] Vocabulary = ["\n", " ", "a", "é", "🙂"];
    private readonly string _directory = Directory.CreateTempSubdirectory("charlm-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    [Theory]
    [MemberData(nameof(Families), MemberType = typeof(CharModels))]
    public void SaveThenLoad_GivesTheSameLogits(string family, int embedding)
    {
        var config = Config(family, embedding);
        var model = new CharLanguageModel<float>(config, new Random(81));
        int[] inputs = Indices(82, T * B);
        var expected = model.Forward(inputs, T, B).Clone();
        string path = PathOf("model.safetensors");
        CharLanguageModelCheckpoint.Save(model, Vocabulary, path);

        var (loadedConfig, vocabulary, loaded) = CharLanguageModelCheckpoint.Load(path);
        Assert.Equal(config, loadedConfig);
        Assert.Equal(Vocabulary, vocabulary);
        Approx.Equal(model.Parameters.Values, loaded.Parameters.Values, 0, "parameters");
        Approx.Equal(expected.Span, loaded.Forward(inputs, T, B).Span, 0, "logits");
    }

    [Fact]
    public void File_HoldsPyTorchNames_F32_AndTheMetadata()
    {
        var model = new CharLanguageModel<float>(Config("lstm-peephole", 3), new Random(83));
        string path = PathOf("peephole.safetensors");
        CharLanguageModelCheckpoint.Save(model, Vocabulary, path);
        var file = SafetensorsFile.Read(path);
        string[] expected =
        [
            "embed.weight",
            "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "rnn.weight_ci_l0",
                "rnn.weight_cf_l0", "rnn.weight_co_l0",
            "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_ih_l1", "rnn.bias_hh_l1", "rnn.weight_ci_l1",
                "rnn.weight_cf_l1", "rnn.weight_co_l1",
            "head.weight", "head.bias",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), file.Tensors.Select(t =>
            t.Name).Order(StringComparer.Ordinal));
        Assert.All(file.Tensors, t => Assert.Equal(SafetensorsDType.F32, t.DType));
        Assert.Equal([4 * H, 3], file["rnn.weight_ih_l0"].Shape);
        Assert.Equal([V, H], file["head.weight"].Shape);
        Assert.Equal("recurrent-charlm/1", file.Metadata["format"]);
        Assert.Equal(model.Config.ToJson(), file.Metadata["config"]);
        Assert.Equal("[\"\\n\",\" \",\"a\",\"\\u00E9\",\"\\uD83D\\uDE42\"]", file.Metadata["vocab"]);
    }

    [Fact]
    public void NotSafetensors_OrTruncated_IsRejected()
    {
        string junk = PathOf("junk.safetensors");
        File.WriteAllText(junk, "this is a text file, not a checkpoint");
        Assert.Contains(junk, Assert.Throws<InvalidDataException>(() =>
            CharLanguageModelCheckpoint.Load(junk)).Message);

        string path = PathOf("whole.safetensors");
        CharLanguageModelCheckpoint.Save(new CharLanguageModel<float>(Config("gru", 0), new Random(84)), Vocabulary,
            path);
        var bytes = File.ReadAllBytes(path);
        string cut = PathOf("cut.safetensors");
        File.WriteAllBytes(cut, bytes[..(bytes.Length - 10)]);
        var e = Assert.Throws<InvalidDataException>(() => CharLanguageModelCheckpoint.Load(cut));
        Assert.Contains(cut, e.Message);
        File.WriteAllBytes(cut, bytes[..20]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() =>
            CharLanguageModelCheckpoint.Load(cut)).Message);
    }

    [Fact]
    public void OtherFormat_OrMissingMetadata_IsRejected()
    {
        var model = new CharLanguageModel<float>(Config("rnn", 0), new Random(85));
        string path = PathOf("other.safetensors");
        Write(model, path,
            new() { ["format"] = "recurrent-seq2seq/1", ["config"] = model.Config.ToJson(), ["vocab"] = "[]" });
        Assert.Equal($"checkpoint '{path}' is format 'recurrent-seq2seq/1', expected recurrent-charlm/1",
            Assert.Throws<InvalidDataException>(() => CharLanguageModelCheckpoint.Load(path)).Message);

        model.Parameters.SaveSafetensors(path); // a plain state_dict: no metadata at all
        Assert.Contains("has no 'format'", Assert.Throws<InvalidDataException>(() =>
            CharLanguageModelCheckpoint.Load(path)).Message);

        Write(model, path, new() { ["format"] = "recurrent-charlm/1", ["vocab"] = "[]" });
        Assert.Contains("has no 'config'", Assert.Throws<InvalidDataException>(() =>
            CharLanguageModelCheckpoint.Load(path)).Message);

        Write(model, path, new() { ["format"] = "recurrent-charlm/1", ["config"] = model.Config.ToJson() });
        Assert.Contains("has no 'vocab'", Assert.Throws<InvalidDataException>(() =>
            CharLanguageModelCheckpoint.Load(path)).Message);
    }

    [Fact]
    public void InconsistentConfigOrVocabulary_IsRejected()
    {
        var model = new CharLanguageModel<float>(Config("lstm", 0), new Random(86));
        string path = PathOf("bad.safetensors");
        string vocab = System.Text.Json.JsonSerializer.Serialize(Vocabulary);

        Write(model, path,
            new() { ["format"] = "recurrent-charlm/1", ["config"] = model.Config.ToJson(), ["vocab"] =
            "[\"a\",\"b\"]" });
        Assert.Contains("vocab has 2 entries, but vocab_size is 5", Assert.Throws<InvalidDataException>(() =>
            CharLanguageModelCheckpoint.Load(path)).Message);

        Write(model, path,
            new() { ["format"] = "recurrent-charlm/1", ["config"] = model.Config.ToJson(), ["vocab"] =
            "[\"a\",\"b\",\"a\",\"c\",\"d\"]" });
        Assert.Contains("entry 2 (\"a\") appears twice", Assert.Throws<InvalidDataException>(() =>
            CharLanguageModelCheckpoint.Load(path)).Message);

        Write(model, path,
            new() { ["format"] = "recurrent-charlm/1", ["config"] = model.Config.ToJson(), ["vocab"] = "{\"a\":1}" });
        Assert.Contains("vocab must be a JSON array of strings", Assert.Throws<InvalidDataException>(() =>
            CharLanguageModelCheckpoint.Load(path)).Message);

        Write(model, path,
            new() { ["format"] = "recurrent-charlm/1", ["config"] = "{\"model\":\"lstm\"}", ["vocab"] = vocab });
        Assert.Contains("config has no 'vocab_size'", Assert.Throws<InvalidDataException>(() =>
            CharLanguageModelCheckpoint.Load(path)).Message);

        var wider = new CharLanguageModelConfig(CellKind.Lstm, V, H + 2, L); // the tensors are H = 4
        Write(model, path, new() { ["format"] = "recurrent-charlm/1", ["config"] = wider.ToJson(), ["vocab"] = vocab });
        var e = Assert.Throws<InvalidDataException>(() => CharLanguageModelCheckpoint.Load(path));
        Assert.Contains("expected rnn.weight_hh_l0 (24, 6), got (16, 4)", e.Message);

        // the file has no embed.weight
        var embedded = new CharLanguageModelConfig(CellKind.Lstm, V, H, L, Embedding: 3);
        Write(model, path,
            new() { ["format"] = "recurrent-charlm/1", ["config"] = embedded.ToJson(), ["vocab"] = vocab });
        Assert.Contains("missing embed.weight (5, 3)", Assert.Throws<InvalidDataException>(() =>
            CharLanguageModelCheckpoint.Load(path)).Message);
    }

    [Fact]
    public void Save_RejectsAVocabularyOfTheWrongSize()
    {
        var model = new CharLanguageModel<float>(Config("rnn", 0), new Random(87));
        var e = Assert.Throws<ArgumentException>(() =>
            CharLanguageModelCheckpoint.Save(model, ["a", "b"], PathOf("x.safetensors")));
        Assert.Contains("has 2 entries, but vocab_size is 5", e.Message);
        Assert.False(File.Exists(PathOf("x.safetensors")));
    }

    private static void Write(CharLanguageModel<float> model, string path, Dictionary<string, string> metadata) =>
        model.Parameters.SaveSafetensors(path, new SafetensorsSaveOptions { Metadata = metadata });
}
