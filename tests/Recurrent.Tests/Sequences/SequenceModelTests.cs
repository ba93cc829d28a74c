using Recurrent.Tensors;
using Recurrent.Models;
using Recurrent.Sequences;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Sequences;

/// <summary>
/// The model a program uses: padding never changes a valid result, one file rebuilds the model bit for bit (and the
/// character language model's files load), predictions from 8 threads equal the serial ones, and a stream fed step
/// by step gives what Predict gives for the whole sequence (within 1e-5: the stream runs the one-step path, Predict
/// the time loop over packed weights and one-hot gathers).
/// </summary>
public sealed class SequenceModelTests : IDisposable
{
    private const int T = 6, B = 5, F = 3;
    private readonly string _directory = Directory.CreateTempSubdirectory("sequence-model-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("features-last")]
    [InlineData("features-mean")]
    [InlineData("features-bidirectional-last")]
    [InlineData("features-attention")]
    [InlineData("features-bidirectional-attention")]
    public void Padding_NeverChangesAValidResult(string name)
    {
        var model = new SequenceModel(SequenceNetworkGradientTests.Options(name) with { InputSize = F }, seed: 4);
        int[] lengths = [6, 3, 1, 6, 4];
        var x = Features(7);
        var before = model.Predict(x, lengths);
        for (int t = 0; t < T; t++) // new values at every padded step
            for (int b = 0; b < B; b++)
                if (t >= lengths[b])
                    for (int f = 0; f < F; f++) x.Span[(t * B + b) * F + f] = 100 + t + f;
        Assert.Equal(before.Span.ToArray(), model.Predict(x, lengths).Span.ToArray());
    }

    [Fact]
    public void SaveAndLoad_RebuildTheModel_BitForBit_WithItsVocabularyNormalizationAndProperties()
    {
        var options = new SequenceModelOptions
        {
            Input = Recurrent.Sequences.InputKind.Tokens, InputSize = 4, EmbeddingSize = 3, HiddenSize = 8,
                NumLayers = 2,
            Cell = Recurrent.Layers.Recurrent.CellKind.Gru, Head = HeadKind.PerStep, OutputSize = 4,
        };
        var model = new SequenceModel(options, seed: 2)
        {
            Vocabulary = ["a", "b", "c", "é"],
            Normalization = new Dictionary<string, float[]> { ["mean"] = [1.5f, -2], ["std"] = [0.25f, 3] },
            Properties = new Dictionary<string, string> { ["forecast"] = "{\"horizon\": 3}" },
        };
        string path = Path.Combine(_directory, "model.safetensors");
        model.Save(path);
        var loaded = SequenceModel.Load(path);
        Assert.Equal(options, loaded.Options);
        Assert.Equal(model.Vocabulary, loaded.Vocabulary);
        Assert.Equal(model.Normalization["std"], loaded.Normalization["std"]);
        Assert.Equal(model.Properties, loaded.Properties);
        int[] tokens = [.. Enumerable.Range(0, T * B).Select(i => i * 7 % 4)];
        Assert.Equal(model.PredictTokens(tokens, T, B).Span.ToArray(),
            loaded.PredictTokens(tokens, T, B).Span.ToArray());
    }

    [Fact]
    public void AnAttentionModel_SavesItsQuery_AndLoadsBitForBit()
    {
        var options = SequenceNetworkGradientTests.Options("features-bidirectional-attention") with { InputSize = F };
        Assert.Contains("\"pooling\":\"attention\"", options.ToJson());
        Assert.Equal(options, SequenceModelOptions.FromJson(options.ToJson()));
        var model = new SequenceModel(options, seed: 3);
        var names = model.Parameters.Parameters.Select(p => p.Name).ToArray();
        Assert.Equal(["pool.query", "head.weight", "head.bias"], names[^3..]); // after the stack, before the head
        Assert.Equal([options.StackOutputSize], model.Parameters["pool.query"].Shape);
        string path = Path.Combine(_directory, "attention.safetensors");
        model.Save(path);
        var loaded = SequenceModel.Load(path);
        Assert.Equal(options, loaded.Options);
        Assert.Equal(model.Parameters.Values.ToArray(), loaded.Parameters.Values.ToArray());
        int[] lengths = [6, 3, 0, 6, 1];
        var x = Features(9);
        Assert.Equal(model.Predict(x, lengths).Span.ToArray(), loaded.Predict(x, lengths).Span.ToArray());
        model.Network.Training = loaded.Network.Training = false;
        model.Network.Forward(x, lengths);
        loaded.Network.Forward(x, lengths);
        Assert.Equal(model.Network.LastAttentionWeights!.Span.ToArray(),
            loaded.Network.LastAttentionWeights!.Span.ToArray());
    }

    [Theory]
    [InlineData("lstm-onehot.safetensors")]
    [InlineData("gru-embedding.safetensors")]
    public void FilesWrittenByRecurrentTrain_Load_AndPredictWhatTheCharModelComputes(string file)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "charlm", "train-v1", file);
        var model = SequenceModel.Load(path);
        var (config, vocabulary, charModel) = CharLanguageModelCheckpoint.Load(path);
        Assert.Equal(vocabulary, model.Vocabulary);
        Assert.Equal(Recurrent.Sequences.InputKind.Tokens, model.Options.Input);
        Assert.Equal(HeadKind.PerStep, model.Options.Head);
        int[] tokens = [.. Enumerable.Range(0, T * B).Select(i => i * 31 % config.VocabularySize)];
        charModel.Training = false;
        var expected = charModel.Forward(tokens, T, B).Span.ToArray();
        Assert.Equal(expected, model.PredictTokens(tokens, T, B).Span.ToArray());
    }

    [Fact]
    public void Load_ABadFile_SaysWhatIsWrong()
    {
        string path = Path.Combine(_directory, "bad.safetensors");
        File.WriteAllText(path, "not a model");
        Assert.Throws<InvalidDataException>(() => SequenceModel.Load(path));
        var e = Assert.Throws<InvalidDataException>(() =>
            SequenceModelOptions.FromJson("{\"input_size\": 3, \"output_size\": 2, \"hiden_size\": 8}"));
        Assert.Contains("hiden_size", e.Message);
        e = Assert.Throws<InvalidDataException>(() => SequenceModelOptions.FromJson("{\"input_size\": 3}"));
        Assert.Contains("OutputSize", e.Message);
    }

    [Fact]
    public void ALoadedModel_PredictingFromEightThreads_GivesTheSerialResults()
    {
        string path = Path.Combine(_directory, "shared.safetensors");
        new SequenceModel(new SequenceModelOptions { InputSize = F, HiddenSize = 16, OutputSize = 2 },
            seed: 5).Save(path);
        var model = SequenceModel.Load(path); // one loaded model, shared by every thread
        var inputs = Enumerable.Range(0, 32).Select(i => Features(100 + i)).ToArray();
        var serial = inputs.Select(x => model.Predict(x).Span.ToArray()).ToArray();
        var parallel = new float[inputs.Length][];
        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => parallel[i] = model.Predict(inputs[i]).Span.ToArray());
        for (int i = 0; i < inputs.Length; i++) Assert.Equal(serial[i], parallel[i]);
    }

    [Theory]
    [InlineData("features-last")]
    [InlineData("features-mean")]
    [InlineData("features-max")]
    [InlineData("features-attention")]
    [InlineData("features-gru-2-layers-attention")]
    [InlineData("tokens-embedding-attention")]
    [InlineData("tokens-onehot-per-step")]
    public void AStream_StepByStep_GivesWhatPredictGives(string name)
    {
        var options = SequenceNetworkGradientTests.Options(name) with { HiddenSize = 8 };
        if (options.Input == Recurrent.Sequences.InputKind.Features) options = options with { InputSize = F };
        var model = new SequenceModel(options, seed: 6);
        var stream = model.CreateStream(B);
        var x = Features(8);
        int[] tokens = [.. Enumerable.Range(0, T * B).Select(i => i * 5 % options.InputSize)];
        var whole = options.Input == Recurrent.Sequences.InputKind.Features ? model.Predict(x)
            : model.PredictTokens(tokens, T, B);
        Tensor<float>? last = null;
        for (int t = 0; t < T; t++)
        {
            last = options.Input == Recurrent.Sequences.InputKind.Features
                ? stream.Step(new Tensor<float>(x.Span.Slice(t * B * F, B * F).ToArray(), 0, B, F))
                : stream.Step(tokens.AsSpan(t * B, B));
            if (options.Head == HeadKind.PerStep)
                Approx.Equal(whole.Span.Slice(t * B * options.OutputSize, B * options.OutputSize), last.Span, 1e-5,
                    $"step {t}");
        }
        if (options.Head == HeadKind.PerSequence) Approx.Equal(whole.Span, last!.Span, 1e-5, "after the last step");
    }

    private static Tensor<float> Features(int seed) => LayerCheck.Random(new Random(seed), T, B, F).Convert<float>();
}
