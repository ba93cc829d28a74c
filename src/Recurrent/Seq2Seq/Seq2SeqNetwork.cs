using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;

namespace Recurrent.Seq2Seq;

/// <summary>
/// The encoder–decoder with attention (docs/equations.md#seq2seq), generic in T so that float32 trains and float64
/// proves the backward pass against finite differences from the same code:
/// <code>
/// k = encoder(E_src x) (Ts, B, D·H_e)        (h0, c0) = bridge(h_n, c_n)
/// q = decoder(E_tgt y_in; h0, c0) (Td, B, H_d)
/// attention:  c = attend(q, k);  h̃ = tanh(W_c [c; q] + b_c);  z = W_o h̃ + b_o
/// none:       z = W_o q + b_o
/// </code>
/// Forward, then a loss on the logits z (Td·B, V_tgt) with the batch's target mask, then <see cref="Backward"/>,
/// which accumulates every parameter gradient.
/// Glossary: Ts source and Td decoder steps, B batch, D encoder directions, H_e and H_d hidden sizes, V_tgt target
/// vocabulary; k keys, q queries (decoder outputs), c contexts, h̃ attentional states, z logits.
/// </summary>
/// <remarks>
/// Parameters: encoder.embedding.weight, encoder.rnn.* (PyTorch's LSTM/GRU names), bridge.hidden.* and bridge.cell.*
/// when D·H_e ≠ H_d, decoder.embedding.weight, decoder.rnn.*, decoder.attention.*, decoder.combine.* (W_c, b_c),
/// decoder.out.* (W_o, b_o). The decoder runs over all target steps in one pass (teacher forcing, attention after the
/// recurrent step, as Luong et al. 2015 without input feeding), so training uses the stacks' sequence-level GEMMs;
/// decoding runs the same equations one step at a time (<see cref="BeginDecoding"/>, <see cref="DecodeStep"/>).
/// Returned tensors are workspaces valid until the next call; one instance is not safe to use from two threads at once.
/// </remarks>
public sealed partial class Seq2SeqNetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Embedding<T> _sourceEmbedding, _targetEmbedding;
    private readonly RecurrentStack<T> _encoder, _decoder;
    private readonly StateBridge<T> _bridge;
    private readonly Attention<T>? _attention;
    private readonly Dense<T>? _combine;
    private readonly Dense<T> _output;
    private Tensor<T>? _joined, _attentional;       // [c; q] (Td·B, K + H_d), h̃ (Td·B, H_d)
    private Tensor<T>? _dDecoder, _dContext, _zeroKeys; // dq (Td, B, H_d), dc (Td, B, K), dk = 0 (Ts, B, K)
    private int _sourceSteps, _targetSteps, _batch;
    private bool _ready;

    /// <param name="options">The architecture; validated.</param>
    /// <param name="initialization">Seeded source of the initial weights (in parameter order); null leaves them 0,
    /// e.g. to load a file.</param>
    public Seq2SeqNetwork(Seq2SeqOptions options, Random? initialization)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Parameters = new ParameterSet<T>();
        int e = options.EmbeddingSize, hd = options.DecoderHiddenSize, k = options.EncoderOutputSize;
        _sourceEmbedding = new Embedding<T>(Parameters, "encoder.embedding.", options.SourceVocabularySize, e);
        _encoder = new RecurrentStack<T>(Parameters, new RecurrentStackOptions(options.Cell, e,
            options.EncoderHiddenSize, options.NumLayers, options.Bidirectional, Prefix: "encoder.rnn."));
        _bridge = new StateBridge<T>(Parameters, options, options.Cell == CellKind.Lstm);
        _targetEmbedding = new Embedding<T>(Parameters, "decoder.embedding.", options.TargetVocabularySize, e);
        _decoder = new RecurrentStack<T>(Parameters, new RecurrentStackOptions(options.Cell, e, hd, options.NumLayers,
            Prefix: "decoder.rnn."));
        if (options.Attention != AttentionKind.None)
        {
            _attention = new Attention<T>(Parameters, "decoder.attention.", options.Attention, hd, k,
                options.AttentionSize);
            _combine = new Dense<T>(Parameters, "decoder.combine.", k + hd, hd);
        }
        _output = new Dense<T>(Parameters, "decoder.out.", hd, options.TargetVocabularySize);
        if (initialization is null) Parameters.Seal();
        else Parameters.Initialize(initialization);
    }

    /// <summary>The architecture.</summary>
    public Seq2SeqOptions Options { get; }

    /// <summary>Every parameter, one flat buffer (class remarks).</summary>
    public ParameterSet<T> Parameters { get; }

    internal Embedding<T> SourceEmbedding => _sourceEmbedding;
    internal Embedding<T> TargetEmbedding => _targetEmbedding;
    internal RecurrentStack<T> Encoder => _encoder;
    internal RecurrentStack<T> Decoder => _decoder;
    internal StateBridge<T> Bridge => _bridge;
    internal Attention<T>? Attention => _attention;
    internal Dense<T>? Combine => _combine;
    internal Dense<T> Output => _output;

    /// <summary>The teacher-forced logits of <paramref name="batch"/> (class summary).</summary>
    /// <returns>z (Td·B, V_tgt), row t·B + b (a workspace).</returns>
    public Tensor<T> Forward(Seq2SeqBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _ready = false;
        int b = batch.BatchSize, ts = batch.SourceSteps, td = batch.TargetSteps, hd = Options.DecoderHiddenSize;
        var keys = _encoder.Forward(_sourceEmbedding.Forward(batch.SourceTokens, ts, b), batch.SourceLengths);
        var (h0, c0) = _bridge.Forward(_encoder.FinalHidden, _encoder.FinalCell);
        var queries = _decoder.Forward(_targetEmbedding.Forward(batch.DecoderInputs, td, b), batch.TargetLengths, h0,
            c0);
        (_sourceSteps, _targetSteps, _batch) = (ts, td, b);
        Tensor<T> logits;
        if (_attention is null) logits = _output.Forward(queries.Reshape(td * b, hd));
        else
        {
            var context = _attention.Forward(queries, keys, batch.SourceLengths);
            logits = _output.Forward(Attentional(context, queries, td * b));
        }
        _ready = true;
        return logits;
    }

    /// <summary>h̃ = tanh(W_c [c; q] + b_c) (Td·B, H_d) into the network's workspace.</summary>
    private Tensor<T> Attentional(Tensor<T> context, Tensor<T> queries, int rows)
    {
        int k = Options.EncoderOutputSize, hd = Options.DecoderHiddenSize;
        if (_joined is null || _joined.Rows != rows)
        {
            _joined = new Tensor<T>(rows, k + hd);
            _attentional = new Tensor<T>(rows, hd);
        }
        Join(context.Span, queries.Span, _joined.Span, rows, k, hd);
        var pre = _combine!.Forward(_joined);
        TensorPrimitives.Tanh<T>(pre.Span, _attentional!.Span);
        return _attentional;
    }

    /// <summary>Rows [c_r; q_r] of (rows, K + H_d).</summary>
    internal static void Join(ReadOnlySpan<T> context, ReadOnlySpan<T> queries, Span<T> joined, int rows, int k,
        int hd)
    {
        for (int r = 0; r < rows; r++)
        {
            context.Slice(r * k, k).CopyTo(joined.Slice(r * (k + hd), k));
            queries.Slice(r * hd, hd).CopyTo(joined.Slice(r * (k + hd) + k, hd));
        }
    }

    /// <summary>
    /// Backpropagates ∂C/∂z through output, attention, decoder, bridge and encoder (class summary); accumulates into
    /// every parameter gradient (zero them once per training step). One Backward per Forward.
    /// <code>
    /// dh̃ = dz W_o;  d(pre) = dh̃ ⊙ (1 − h̃²);  [dc; dq′] = d(pre) W_c;  (dq″, dk) = attention′(dc);  dq = dq′ + dq″
    /// decoder BPTT from dq gives dE_tgt and ∂C/∂(h0, c0); the bridge maps them to ∂C/∂(h_n, c_n);
    /// encoder BPTT from (dk, ∂C/∂h_n, ∂C/∂c_n) gives dE_src.
    /// </code>
    /// </summary>
    /// <param name="logitsGradient">dz (Td·B, V_tgt); zero rows at padded steps (a masked loss gives them).</param>
    public void Backward(Tensor<T> logitsGradient)
    {
        ArgumentNullException.ThrowIfNull(logitsGradient);
        if (!_ready) throw new InvalidOperationException("Backward needs a Forward before it, one per Backward");
        _ready = false;
        int td = _targetSteps, b = _batch, rows = td * b, hd = Options.DecoderHiddenSize, k = Options.EncoderOutputSize;
        var dAttentional = _output.Backward(logitsGradient); // (Td·B, H_d)
        if (_dDecoder is null || !_dDecoder.HasShape(td, b, hd)) _dDecoder = new Tensor<T>(td, b, hd);
        Tensor<T> dKeys;
        if (_attention is null)
        {
            dAttentional.Span.CopyTo(_dDecoder.Span);
            dKeys = ZeroKeyGradient();
        }
        else
        {
            var dPre = dAttentional.Span; // dh̃ ⊙ (1 − h̃²), in place: the output layer's dX is its own workspace
            ReadOnlySpan<T> h = _attentional!.Span;
            for (int i = 0; i < dPre.Length; i++) dPre[i] *= T.One - h[i] * h[i];
            var dJoined = _combine!.Backward(dAttentional).Span; // (Td·B, K + H_d)
            if (_dContext is null || !_dContext.HasShape(td, b, k)) _dContext = new Tensor<T>(td, b, k);
            var dContext = _dContext;
            var dq = _dDecoder.Span;
            var dc = dContext.Span;
            for (int r = 0; r < rows; r++)
            {
                dJoined.Slice(r * (k + hd), k).CopyTo(dc.Slice(r * k, k));
                dJoined.Slice(r * (k + hd) + k, hd).CopyTo(dq.Slice(r * hd, hd));
            }
            var (dQueries, dK) = _attention.Backward(dContext);
            TensorPrimitives.Add(dq, dQueries.Span, dq);
            dKeys = dK;
        }
        _targetEmbedding.Backward(_decoder.Backward(_dDecoder));
        var (dhN, dcN) = _bridge.Backward(_decoder.InitialHiddenGradient, _decoder.InitialCellGradient);
        _sourceEmbedding.Backward(_encoder.Backward(dKeys, dhN, dcN));
    }

    /// <summary>Without attention the encoder's outputs reach nothing but its final state: dk = 0.</summary>
    private Tensor<T> ZeroKeyGradient()
    {
        int ts = _sourceSteps, b = _batch, k = Options.EncoderOutputSize;
        if (_zeroKeys is null || !_zeroKeys.HasShape(ts, b, k)) _zeroKeys = new Tensor<T>(ts, b, k);
        return _zeroKeys;
    }
}
