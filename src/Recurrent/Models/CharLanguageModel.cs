using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Losses;
using Recurrent.Parameters;
using Recurrent.Sequences;

namespace Recurrent.Models;

/// <summary>
/// A character-level language model (docs/equations.md#char-language-model), the PyTorch module
/// <c>embed = nn.Embedding(V, E)</c> (only when E &gt; 0), <c>rnn = nn.LSTM | nn.GRU | nn.RNN(E or V, H, L,
/// dropout=p)</c>, <c>head = nn.Linear(H, V)</c>, whose state_dict names its parameters here: embed.weight,
/// rnn.weight_ih_l0, …, head.weight, head.bias.
/// <code>
/// x_t = W_embed[i_t] (E &gt; 0) or onehot(i_t) (V);  h_t = rnn(x_t, h_{t−1});  z_t = W_head h_t + b_head (V logits)
/// C = (1/N) Σ_{t,b counted} (lse(z_tb) − z_tb[target_tb])   (mean NLL in nats, SoftmaxCrossEntropy)
/// </code>
/// Glossary: T steps, B batch (independent streams), V vocabulary, E embedding, H hidden, L layers, i input indices,
/// z logits. Inputs and targets are time-major (entry t·B + b).
/// </summary>
/// <remarks>
/// The network is a <see cref="SequenceNetwork{T}"/> with token input and a per-step head
/// (<see cref="CharLanguageModelConfig.ToSequenceOptions"/>), the model every sequence task trains; this type adds the
/// language model's loss over (T·B) targets and one-token generation steps. All parameters live in one
/// <see cref="ParameterSet{T}"/> (one flat buffer). Returned tensors are workspaces valid until the next call.
/// Truncated BPTT: pass the previous batch's <see cref="FinalHidden"/>/<see cref="FinalCell"/> as h0/c0; they are
/// copied and receive no gradient.
/// </remarks>
public sealed class CharLanguageModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SequenceNetwork<T> _network;
    private readonly SoftmaxCrossEntropy<T> _loss = new();
    private Tensor<T>? _logits;     // (T, B, V) of the last Forward, a view of the head's workspace
    private Tensor<T>? _stepInput;  // (B, I) one generation step's input
    private Tensor<T>? _stepLogits; // (B, V) one generation step's logits
    private readonly ReshapeCache<T> _logitRows = new(), _gradientRows = new(); // (T·B, V) views for the loss

    /// <summary>Builds the model in its own parameter set.</summary>
    /// <param name="config">The shape; validated.</param>
    /// <param name="initialization">Seeded source of the initial weights (PyTorch's defaults: N(0, 1) for the
    /// embedding, U(±1/√H) for the stack, U(±1/√H) for the head), drawn in parameter order; null leaves every weight 0
    /// (e.g. to load a checkpoint).</param>
    /// <param name="dropout">Seeded source of the dropout masks; required when config.Dropout &gt; 0.</param>
    public CharLanguageModel(CharLanguageModelConfig config, Random? initialization, Random? dropout = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        _network = new SequenceNetwork<T>(config.ToSequenceOptions(), initialization, dropout);
    }

    /// <summary>The shape.</summary>
    public CharLanguageModelConfig Config { get; }

    /// <summary>
    /// Re-initialises as PyTorch's word_language_model does (its init_weights): embed.weight and head.weight (the
    /// same matrix when tied) ~ U(−r, r), drawn in that order, head.bias = 0; the stack keeps U(±1/√H).
    /// </summary>
    /// <param name="rng">Seeded source of the draws.</param>
    /// <param name="range">r &gt; 0 (the example's 0.1).</param>
    public void InitializeEncoderDecoder(Random rng, double range = 0.1)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(range > 0 && double.IsFinite(range)))
            throw new ArgumentOutOfRangeException(nameof(range), $"range must be a positive number, got {range}");
        var uniform = new UniformInitializer(range);
        foreach (string name in new[] { "embed.weight", "head.weight" })
            if (Parameters.Contains(name))
            {
                var p = Parameters[name];
                uniform.Fill(p.Value.Span, p.Shape, rng);
            }
        Parameters["head.bias"].Value.Span.Clear();
    }

    /// <summary>Every parameter, PyTorch state_dict names, one flat buffer (sealed).</summary>
    public ParameterSet<T> Parameters => _network.Parameters;

    /// <summary>The network: token input, the recurrent stack, a per-step head.</summary>
    public SequenceNetwork<T> Network => _network;

    /// <summary>The recurrent stack (rnn.*).</summary>
    public RecurrentStack<T> Rnn => _network.Rnn;

    /// <summary>True (default) applies dropout between layers; false is PyTorch's eval().</summary>
    public bool Training { get => _network.Training; set => _network.Training = value; }

    /// <summary>h_n (L, B, H) of the last Forward: the next batch's h0 under truncated BPTT.</summary>
    public Tensor<T> FinalHidden => _network.FinalHidden;

    /// <summary>c_n (L, B, H) of the last Forward for an LSTM, else null.</summary>
    public Tensor<T>? FinalCell => _network.FinalCell;

    /// <summary>Logits z (T, B, V) of the last Forward.</summary>
    public Tensor<T> Logits => _logits ?? throw new InvalidOperationException("no Forward has run yet");

    /// <summary>Runs the model over a batch of index sequences (class summary).</summary>
    /// <param name="inputs">i (T·B), time-major, each in [0, V).</param>
    /// <param name="steps">T.</param>
    /// <param name="batch">B.</param>
    /// <param name="h0">h_0 (L, B, H), copied; null for zeros.</param>
    /// <param name="c0">c_0 (L, B, H) for an LSTM, copied; null for zeros.</param>
    /// <returns>z (T, B, V), a workspace.</returns>
    public Tensor<T> Forward(ReadOnlySpan<int> inputs, int steps, int batch, Tensor<T>? h0 = null, Tensor<T>? c0 = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        _logits = null;
        if (inputs.Length != steps * batch)
            throw new ShapeMismatchException($"inputs: expected (T·B) = ({steps}·{batch}) = ({steps * batch}), " +
                $"got ({inputs.Length})");
        // A real (T, B, V) one-hot when E = 0: the cell recognises it and gathers columns of weight_ih instead of
        // running the V-wide product (RecurrentCell.ProjectInputs, OneHotProducts).
        if (Config.Embedding == 0) Embedding<T>.CheckRange(inputs, Config.VocabularySize, "inputs");
        _logits = _network.ForwardTokens(inputs, steps, batch, default, h0, c0); // (T, B, V)
        return _logits;
    }

    /// <summary>
    /// C = mean over counted rows of −log softmax(z_tb)[target_tb], in nats; writes ∂C/∂z into
    /// <paramref name="logitsGradient"/>.
    /// </summary>
    /// <param name="targets">(T·B) class indices, time-major; masked rows are not read.</param>
    /// <param name="mask">(T·B) row weights (1 counts, 0 skips), or null to count every row.</param>
    /// <param name="logitsGradient">dz (T, B, V), overwritten; null for the value only. May be the logits
    /// <see cref="Forward"/> returned, to write dz over z in place (each row is read before it is written; Backward
    /// does not read z).</param>
    public T Loss(ReadOnlySpan<int> targets, Tensor<T>? mask, Tensor<T>? logitsGradient)
    {
        var z = Logits;
        int rows = z.Dim(0) * z.Dim(1), v = Config.VocabularySize;
        if (logitsGradient is not null)
            ShapeCheck.Require(logitsGradient, "logits gradient", "(T, B, V)", z.Dim(0), z.Dim(1), v);
        return _loss.Compute(_logitRows.View(z, rows, v), targets, mask,
            logitsGradient is null ? null : _gradientRows.View(logitsGradient, rows, v));
    }

    /// <summary>BPTT from dz (T, B, V) through head, stack and embedding; accumulates into every parameter
    /// gradient.</summary>
    public void Backward(Tensor<T> logitsGradient)
    {
        ArgumentNullException.ThrowIfNull(logitsGradient);
        if (_logits is null) throw new InvalidOperationException("Backward called before a successful Forward");
        _network.Backward(logitsGradient);
    }

    /// <summary>Zero states for <see cref="Step"/>: one per layer, (B, H) each (and c for an LSTM).</summary>
    public RecurrentState<T>[] CreateStates(int batch) => _network.CreateStates(batch);

    /// <summary>Copies the last Forward's final states (row-for-row) into <paramref name="states"/>, e.g. to generate
    /// after a primed Forward.</summary>
    public void CopyFinalStates(RecurrentState<T>[] states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var h = FinalHidden;
        var c = FinalCell;
        if (states.Length != Config.NumLayers)
            throw new ArgumentException($"states: expected one per layer ({Config.NumLayers}), got {states.Length}");
        for (int l = 0; l < states.Length; l++)
        {
            if (states[l].BatchSize != h.Dim(1) || states[l].HiddenSize != Config.HiddenSize)
                throw new ShapeMismatchException($"states[{l}]: expected (B, H) = ({h.Dim(1)}, {Config.HiddenSize}), " +
                    $"got ({states[l].BatchSize}, {states[l].HiddenSize})");
            h[l].Span.CopyTo(states[l].H.Span);
            if (c is not null) c[l].Span.CopyTo(states[l].C!.Span);
        }
    }

    /// <summary>
    /// One generation step (no dropout, nothing kept for backward): feeds token b to row b, updates
    /// <paramref name="states"/> in place and returns z (B, V). Allocates nothing after the first call for a batch
    /// size.
    /// </summary>
    /// <param name="tokens">i_t (B), each in [0, V).</param>
    /// <param name="states">From <see cref="CreateStates"/> or <see cref="CopyFinalStates"/>.</param>
    public Tensor<T> Step(ReadOnlySpan<int> tokens, RecurrentState<T>[] states)
    {
        ArgumentNullException.ThrowIfNull(states);
        int batch = tokens.Length, v = Config.VocabularySize, input = Config.InputSize;
        if (batch == 0) throw new ArgumentException("tokens: expected at least one row");
        if (_stepInput is null || _stepInput.Rows != batch)
        {
            _stepInput = new Tensor<T>(batch, input);
            _stepLogits = new Tensor<T>(batch, v);
        }
        _network.EncodeTokens(tokens, _stepInput.Span);   // one-hot rows or embeddings
        var h = _network.StepStack(_stepInput, states);    // (B, H)
        _network.HeadLayer.Infer(h, _stepLogits!);         // z (B, V) = h W_headᵀ + b_head, the head kept for Backward
        return _stepLogits!;
    }
}
