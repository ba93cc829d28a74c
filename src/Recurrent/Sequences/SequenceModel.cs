using System.Collections.Concurrent;
using Recurrent.Parameters;

namespace Recurrent.Sequences;

/// <summary>
/// A sequence model a program can build, train, save in one self-describing file, load and serve: input (features or
/// token ids) → recurrent stack → head per step or per sequence (<see cref="SequenceModelOptions"/>), float32.
/// <code>
/// var model = new SequenceModel(new SequenceModelOptions { InputSize = 3, HiddenSize = 32, OutputSize = 2 });
/// // … train model.Network (Forward, a loss, Backward, an optimizer step) …
/// model.Save("model.safetensors");
/// var loaded = SequenceModel.Load("model.safetensors");
/// Tensor&lt;float&gt; scores = loaded.Predict(x /* (T, B, F) */, lengths);   // (B, K)
/// </code>
/// </summary>
/// <remarks>
/// <see cref="Predict"/> is safe to call from several threads at once: each call
/// runs on an inference replica that reads this model's weights in place (no copy) and returns a tensor of its own.
/// Do not change the weights (train) while predictions run. The file is safetensors: the weights under PyTorch's
/// names, and in its metadata the options, the vocabulary and the input normalisation
/// (<see cref="SequenceModelFile"/>); character language models written by <c>recurrent train</c> load too.
/// </remarks>
public sealed class SequenceModel
{
    private readonly ConcurrentBag<SequenceNetwork<float>> _replicas = [];

    /// <summary>A new model with PyTorch's initial weights drawn from a seeded source.</summary>
    /// <param name="options">The architecture; validated.</param>
    /// <param name="seed">Seed of the initial weights (and of the dropout masks while training).</param>
    public SequenceModel(SequenceModelOptions options, int seed = 1)
        : this(options, new Random(seed), new ResumableRandom(seed + 1L))
    {
    }

    private SequenceModel(SequenceModelOptions options, Random initialization, ResumableRandom dropout)
        : this(new SequenceNetwork<float>(options, initialization, dropout)) => DropoutRandom = dropout;

    /// <summary>A model around a network (its weights are the model's).</summary>
    public SequenceModel(SequenceNetwork<float> network)
    {
        ArgumentNullException.ThrowIfNull(network);
        Network = network;
    }

    /// <summary>The architecture.</summary>
    public SequenceModelOptions Options => Network.Options;

    /// <summary>The seeded source of the dropout masks when the model made it (a trainer saves and restores its state
    /// so a resumed run draws the masks of the run never stopped).</summary>
    internal ResumableRandom? DropoutRandom { get; init; }

    /// <summary>The network to train: Forward, a loss on its outputs, Backward, an optimizer step on its
    /// parameters.</summary>
    public SequenceNetwork<float> Network { get; }

    /// <summary>Every weight, one flat buffer, PyTorch's names.</summary>
    public ParameterSet<float> Parameters => Network.Parameters;

    /// <summary>For token input: the symbol of each id, in id order (saved in the file); null when not given.</summary>
    public IReadOnlyList<string>? Vocabulary { get; set; }

    /// <summary>For a classifier: the name of each output class, in id order (saved in the file as "classes");
    /// null when not given.</summary>
    public IReadOnlyList<string>? ClassNames { get; set; }

    /// <summary>
    /// Named per-feature statistics of the input normalisation (e.g. "mean", "std"), saved in the file so a loaded
    /// model can normalise raw input the way training did; empty by default.
    /// </summary>
    public IReadOnlyDictionary<string, float[]> Normalization { get; set; } = new Dictionary<string, float[]>();

    /// <summary>
    /// Named texts an application keeps with the weights (e.g. a forecaster's horizon, columns and per-series scaling
    /// as JSON), saved in the file as "properties" so one file rebuilds the whole application model; empty by default.
    /// </summary>
    public IReadOnlyDictionary<string, string> Properties { get; set; } = new Dictionary<string, string>();

    /// <summary>The outputs for feature input, as a tensor the caller owns. Thread-safe (class remarks).</summary>
    /// <param name="features">x (T, B, F), time-major.</param>
    /// <param name="lengths">L_b (B), or empty when every sequence has T steps.</param>
    /// <returns>(B, K) for a per-sequence head, (T, B, K) per step.</returns>
    public Tensor<float> Predict(Tensor<float> features, ReadOnlySpan<int> lengths = default)
    {
        var replica = Rent();
        try
        {
            return replica.Forward(features, lengths).Clone();
        }
        finally
        {
            _replicas.Add(replica);
        }
    }

    /// <summary>The outputs for token input, as a tensor the caller owns. Thread-safe (class remarks).</summary>
    /// <param name="tokens">ids (T·B), time-major, each in [0, V).</param>
    /// <param name="steps">T.</param>
    /// <param name="batch">B.</param>
    /// <param name="lengths">L_b (B), or empty when every sequence has T steps.</param>
    public Tensor<float> PredictTokens(ReadOnlySpan<int> tokens, int steps, int batch,
        ReadOnlySpan<int> lengths = default)
    {
        var replica = Rent();
        try
        {
            return replica.ForwardTokens(tokens, steps, batch, lengths).Clone();
        }
        finally
        {
            _replicas.Add(replica);
        }
    }

    /// <summary>
    /// Stateful step-by-step inference for <paramref name="batch"/> streams (sensor readings as they arrive, text as
    /// it is generated): each step returns the head's outputs after that step. Forward-in-time models only.
    /// </summary>
    public SequenceStream CreateStream(int batch = 1) => new(new SequenceNetwork<float>(Network), batch);

    /// <summary>Writes the model to <paramref name="path"/> atomically (a crash leaves the old file).</summary>
    public void Save(string path) => SequenceModelFile.Save(this, path);

    /// <summary>Rebuilds a model from a file written by <see cref="Save"/> (or a character language model
    /// file).</summary>
    /// <exception cref="InvalidDataException">The file is not a model this version reads; the message says
    /// why.</exception>
    public static SequenceModel Load(string path) => SequenceModelFile.Load(path);

    private SequenceNetwork<float> Rent() =>
        _replicas.TryTake(out var replica) ? replica : new SequenceNetwork<float>(Network);
}
