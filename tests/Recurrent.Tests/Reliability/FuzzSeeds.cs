using Recurrent.Data;
using Recurrent.Models;
using Recurrent.Parameters;
using Recurrent.Sequences;
using Recurrent.Tests.Sequences;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// The valid files the fuzzers mutate, written once per test class by the library itself: sequence model files
/// (features with class names, tokens with a vocabulary, a GRU with attention pooling), a character language
/// model checkpoint, and a general trainer's training state with optimizer moments.
/// </summary>
public sealed class FuzzSeeds : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fuzz-seeds-").FullName;

    public FuzzSeeds()
    {
        string features = Path.Combine(_directory, "features.safetensors");
        new SequenceModel(new SequenceModelOptions { InputSize = 2, HiddenSize = 3, OutputSize = 2 }, seed: 1)
            { ClassNames = ["no", "yes"] }.Save(features);
        string tokens = Path.Combine(_directory, "tokens.safetensors");
        new SequenceModel(new SequenceModelOptions
        {
            Input = InputKind.Tokens, InputSize = 3, EmbeddingSize = 2, HiddenSize = 2, OutputSize = 3,
            Head = HeadKind.PerStep,
        }, seed: 2) { Vocabulary = ["a", "b", "c"] }.Save(tokens);
        string gru = Path.Combine(_directory, "gru.safetensors");
        new SequenceModel(new SequenceModelOptions
        {
            InputSize = 1, HiddenSize = 2, OutputSize = 1, Cell = Recurrent.Layers.Recurrent.CellKind.Gru,
            Pooling = PoolingKind.Attention,
        }, seed: 3).Save(gru);
        Models = [File.ReadAllBytes(features), File.ReadAllBytes(tokens), File.ReadAllBytes(gru)];

        string charlm = Path.Combine(_directory, "charlm.safetensors");
        var config =
            new CharLanguageModelConfig(Recurrent.Layers.Recurrent.CellKind.Lstm, VocabularySize: 3, HiddenSize: 2);
        CharLanguageModelCheckpoint.Save(new CharLanguageModel<float>(config, new Random(4)), ["x", "y", "z"],
            charlm);
        CharModel = File.ReadAllBytes(charlm);

        string run = Path.Combine(_directory, "run");
        var model = new SequenceModel(new SequenceModelOptions { InputSize = 2, HiddenSize = 2, OutputSize = 2 },
            seed: 5);
        new SequenceTrainer(model, new SequenceTrainerOptions
        {
            Epochs = 1, BatchSize = 4, CheckpointDirectory = run, Seed = 6,
        }).Fit(SequenceTrainerTests.SignOfSum(8, 7));
        State = File.ReadAllBytes(Path.Combine(run, "last.state.safetensors"));
    }

    /// <summary>Sequence model files.</summary>
    public byte[][] Models { get; }

    /// <summary>A recurrent-charlm/1 checkpoint.</summary>
    public byte[] CharModel { get; }

    /// <summary>A recurrent-training-state/1 file of the general trainer.</summary>
    public byte[] State { get; }

    /// <summary>Writes <paramref name="bytes"/> to a scratch file (the model loaders take paths) and returns
    /// it.</summary>
    public string Scratch(byte[] bytes)
    {
        string path = Path.Combine(_directory, $"case-{Environment.CurrentManagedThreadId}.safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
