using Recurrent.Data;
using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;

namespace Recurrent.Sequences;

/// <summary>
/// The computation of a <see cref="SequenceModel"/> (see <see cref="SequenceModelOptions"/> for the graph), generic
/// in T so that float32 trains and float64 proves the backward pass against finite differences from the same code.
/// Forward, then Loss on the returned outputs, then <see cref="Backward"/>, which accumulates every parameter gradient.
/// Glossary: T steps, B sequences, F features, K outputs, L_b length of sequence b.
/// </summary>
/// <remarks>
/// Variable lengths: sequence b is real for t &lt; L_b; padded steps never change a valid step's result, and a
/// per-step head's outputs at padded steps are not meaningful (a masked loss ignores them). Token ids at padded steps
/// must still lie in [0, V) (0 is customary). Returned tensors are workspaces, valid until the next call; one instance
/// is not safe to use from two threads at once (<see cref="SequenceModel.Predict"/>
/// is).
/// </remarks>
public sealed class SequenceNetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Embedding<T>? _embed;
    private readonly RecurrentStack<T> _rnn;
    private readonly SequencePooling<T>? _pool;
    private readonly Dense<T> _head;
    private readonly TimeDistributed<T>? _perStep;
    private readonly Dropout<T>? _inputDropout, _outputDropout; // options.InputDropout / OutputDropout, when > 0
    private Tensor<T>? _oneHot;            // (T, B, V) for one-hot token input
    private bool _ready;

    /// <param name="options">The architecture; validated.</param>
    /// <param name="initialization">Seeded source of the initial weights (PyTorch's defaults, in parameter order);
    /// null leaves them 0, e.g. to load a file.</param>
    /// <param name="dropout">Seeded source of dropout masks; required when options.Dropout &gt; 0.</param>
    public SequenceNetwork(SequenceModelOptions options, Random? initialization, Random? dropout = null)
        : this(options, dropout)
    {
        if (initialization is null) Parameters.Seal();
        else Parameters.Initialize(initialization);
    }

    /// <summary>A network that reads the weights of <paramref name="source"/> (no copy): an inference
    /// replica.</summary>
    internal SequenceNetwork(SequenceNetwork<T> source)
        : this(source.Options, source.Options.Dropout > 0 || source.Options.InputDropout > 0
            || source.Options.OutputDropout > 0 ? new Random(0) : null)
    {
        Parameters.SealSharingValues(source.Parameters);
        Training = false;
    }

    private SequenceNetwork(SequenceModelOptions options, Random? dropout)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Parameters = new ParameterSet<T>();
        if (options.Input == InputKind.Tokens && options.EmbeddingSize > 0)
            _embed = new Embedding<T>(Parameters, "embed.", options.InputSize, options.EmbeddingSize);
        if ((options.InputDropout > 0 || options.OutputDropout > 0) && dropout is null)
            throw new ArgumentNullException(nameof(dropout), "dropout needs an explicit seeded Random");
        if (options.InputDropout > 0) _inputDropout = new Dropout<T>(options.InputDropout, dropout!);
        _rnn = new RecurrentStack<T>(Parameters, options.StackOptions(), dropout);
        if (options.OutputDropout > 0) _outputDropout = new Dropout<T>(options.OutputDropout, dropout!);
        int width = options.StackOutputSize;
        if (options.Head == HeadKind.PerSequence) // attention's "pool.query" (D·H) sits between the stack and the head
            _pool = new SequencePooling<T>(options.Pooling, width, options.Bidirectional ? options.HiddenSize : 0,
                Parameters, "pool.");
        _head = options.TieWeights
            ? new Dense<T>(Parameters, "head.", _embed!.Weight) // z = y W_embedᵀ + b: both uses add into dW_embed
            : new Dense<T>(Parameters, "head.", width, options.OutputSize);
        if (options.Head == HeadKind.PerStep) _perStep = new TimeDistributed<T>(_head);
    }

    /// <summary>The architecture.</summary>
    public SequenceModelOptions Options { get; }

    /// <summary>How many parameters a network of <paramref name="options"/> has, declared but never allocated (layers
    /// allocate their workspaces on first use), so a loader can check a file's claim before paying for it.</summary>
    internal static long DeclaredParameterCount(SequenceModelOptions options) =>
        new SequenceNetwork<T>(options, HasDropout(options) ? new Random(0) : null).Parameters.Count;

    /// <summary>Whether any dropout (between layers, on the input, before the head) is on, so a Random is
    /// needed.</summary>
    private static bool HasDropout(SequenceModelOptions o) =>
        o.Dropout > 0 || o.InputDropout > 0 || o.OutputDropout > 0;

    /// <summary>Every parameter under PyTorch's names, one flat buffer.</summary>
    public ParameterSet<T> Parameters { get; }

    /// <summary>The recurrent stack (rnn.*).</summary>
    public RecurrentStack<T> Rnn => _rnn;

    /// <summary>h_n (L·D, B, H) of the last Forward: each sequence's state after its last valid step.</summary>
    public Tensor<T> FinalHidden => _rnn.FinalHidden;

    /// <summary>c_n (L·D, B, H) of the last Forward for an LSTM, else null.</summary>
    public Tensor<T>? FinalCell => _rnn.FinalCell;

    /// <summary>
    /// α (T, B) of the last Forward when a per-sequence head pools by <see cref="PoolingKind.Attention"/>: how much
    /// each step weighed in its sequence's answer (each sequence's weights sum to 1 over its valid steps, 0 at
    /// padding); null for other heads and poolings, or before the first Forward. A workspace, overwritten by the next
    /// Forward.
    /// </summary>
    public Tensor<T>? LastAttentionWeights => _pool?.AttentionWeights;

    /// <summary>q (D·H) of attention pooling ("pool.query"), else null.</summary>
    internal Parameter<T>? PoolQuery => _pool?.Query;

    /// <summary>The head, z = y W_headᵀ + b_head (head.*).</summary>
    internal Dense<T> HeadLayer => _head;

    /// <summary>True (default) applies dropout; false is PyTorch's eval().</summary>
    public bool Training
    {
        get => _rnn.Training;
        set
        {
            _rnn.Training = value;
            if (_inputDropout is not null) _inputDropout.Training = value;
            if (_outputDropout is not null) _outputDropout.Training = value;
        }
    }

    /// <summary>When true, every dropout (input, between layers, output) reuses its last mask: one fixed function, for
    /// gradient checks.</summary>
    public bool ReuseDropoutMasks
    {
        get => _rnn.ReuseDropoutMasks || _inputDropout?.ReuseMask == true || _outputDropout?.ReuseMask == true;
        set
        {
            _rnn.ReuseDropoutMasks = value;
            if (_inputDropout is not null) _inputDropout.ReuseMask = value;
            if (_outputDropout is not null) _outputDropout.ReuseMask = value;
        }
    }

    /// <summary>The outputs for feature input (<see cref="InputKind.Features"/>).</summary>
    /// <param name="features">x (T, B, F), time-major; values at padded steps must be finite.</param>
    /// <param name="lengths">L_b (B), or empty when every sequence has T steps.</param>
    /// <returns>(B, K) for a per-sequence head, (T, B, K) per step (a workspace).</returns>
    /// <param name="h0">h_0 (L·D, B, H) in PyTorch's order, copied; null for zeros (truncated BPTT passes the previous
    /// batch's <see cref="FinalHidden"/>).</param>
    /// <param name="c0">c_0 (L·D, B, H) for an LSTM, copied; null for zeros.</param>
    public Tensor<T> Forward(Tensor<T> features, ReadOnlySpan<int> lengths = default, Tensor<T>? h0 = null,
        Tensor<T>? c0 = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (Options.Input != InputKind.Features)
            throw new InvalidOperationException("this model reads token ids: call ForwardTokens(tokens, steps, " +
                "batch, lengths)");
        if (features.Rank != 3 || features.Dim(2) != Options.InputSize)
            throw new ShapeMismatchException(
                $"features: expected (T, B, F) with F = {Options.InputSize}, got {ShapeText.Format(features.Shape)}");
        return Run(features, lengths, h0, c0);
    }

    /// <summary>The outputs for token input (<see cref="InputKind.Tokens"/>).</summary>
    /// <param name="tokens">ids (T·B), time-major (step t of sequence b at t·B + b), each in [0, V).</param>
    /// <param name="steps">T.</param>
    /// <param name="batch">B.</param>
    /// <param name="lengths">L_b (B), or empty when every sequence has T steps.</param>
    /// <returns>(B, K) for a per-sequence head, (T, B, K) per step (a workspace).</returns>
    /// <param name="h0">h_0 (L·D, B, H), copied; null for zeros.</param>
    /// <param name="c0">c_0 (L·D, B, H) for an LSTM, copied; null for zeros.</param>
    public Tensor<T> ForwardTokens(ReadOnlySpan<int> tokens, int steps, int batch, ReadOnlySpan<int> lengths = default,
        Tensor<T>? h0 = null, Tensor<T>? c0 = null)
    {
        if (Options.Input != InputKind.Tokens)
            throw new InvalidOperationException("this model reads features: call Forward(features, lengths)");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        if (tokens.Length != steps * batch)
            throw new ShapeMismatchException(
                $"tokens: expected (T·B) = ({steps}·{batch}) = ({steps * batch}), got ({tokens.Length})");
        int v = Options.InputSize;
        if (_embed is not null) return Run(_embed.Forward(tokens, steps, batch), lengths, h0, c0);
        Embedding<T>.CheckRange(tokens, v, "tokens");
        if (_oneHot is null || !_oneHot.HasShape(steps, batch, v)) _oneHot = new Tensor<T>(steps, batch, v);
        OneHot.Fill(tokens, _oneHot);
        return Run(_oneHot, lengths, h0, c0);
    }

    /// <summary>
    /// BPTT from ∂C/∂outputs (the shape Forward returned) through head, pooling, stack and embedding; accumulates into
    /// every parameter gradient (zero them once per training step). One Backward per Forward.
    /// </summary>
    public void Backward(Tensor<T> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!_ready)
            throw new InvalidOperationException("Backward needs a successful Forward before it, one per Backward");
        _ready = false;
        var dy = _perStep is not null ? _perStep.Backward(outputGradient)
            : _pool!.Backward(_head.Backward(outputGradient));
        if (_outputDropout is not null) dy = _outputDropout.Backward(dy); // m ⊙ dy, the dropout's own buffer
        // dy and y are this network's own buffers (the head's dx, the pooling's or the dropout's), so the stack may
        // write over both
        if (_embed is null && _inputDropout is null)
            _rnn.BackwardWithoutInputGradient(dy, reuse: BufferReuse.All); // data needs no dx
        else
        {
            var dx = _rnn.Backward(dy, reuse: BufferReuse.All);
            if (_inputDropout is not null) dx = _inputDropout.Backward(dx);
            _embed?.Backward(dx);
        }
    }

    /// <summary>Zero states for step-by-step inference through the stack: one per layer.</summary>
    internal RecurrentState<T>[] CreateStates(int batch) => _rnn.CreateStates(batch);

    /// <summary>One step of the stack for rows of x_t (B, I), updating the states in place; returns the top h (B,
    /// H).</summary>
    internal Tensor<T> StepStack(Tensor<T> input, RecurrentState<T>[] states) => _rnn.Step(input, states);

    /// <summary>The head on rows of the stack's output (B, D·H): (B, K), a workspace.</summary>
    internal Tensor<T> Head(Tensor<T> rows) => _head.Forward(rows);

    /// <summary>Writes the stack's input for token ids (B) into (B, I): their one-hot rows or embeddings.</summary>
    internal void EncodeTokens(ReadOnlySpan<int> tokens, Span<T> destination)
    {
        Embedding<T>.CheckRange(tokens, Options.InputSize, "tokens");
        if (_embed is not null)
        {
            _embed.Lookup(tokens, destination);
            return;
        }
        destination.Clear();
        for (int b = 0; b < tokens.Length; b++) destination[b * Options.InputSize + tokens[b]] = T.One;
    }

    private Tensor<T> Run(Tensor<T> x, ReadOnlySpan<int> lengths, Tensor<T>? h0, Tensor<T>? c0)
    {
        _ready = false;
        if (_inputDropout is not null) x = _inputDropout.Forward(x);
        var y = _rnn.Forward(x, lengths, h0, c0); // (T, B, D·H)
        if (_outputDropout is not null) y = _outputDropout.Forward(y);
        var outputs = _perStep is not null ? _perStep.Forward(y) : _head.Forward(_pool!.Forward(y, lengths));
        _ready = true;
        return outputs;
    }
}
