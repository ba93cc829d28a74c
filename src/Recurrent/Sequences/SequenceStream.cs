using Recurrent.Layers.Recurrent;

namespace Recurrent.Sequences;

/// <summary>
/// Step-by-step inference over B streams (<see cref="SequenceModel.CreateStream"/>): each
/// <see cref="Step(Tensor{float})"/> reads x_t for every stream, advances the states and returns the head's outputs (B,
/// K) after that step: the per-step head on h_t, or the per-sequence head on the pooling of the steps so far (the last,
/// their mean, their maximum, or their attention-weighted mean). Feeding a whole sequence step by step gives what
/// <see cref="SequenceModel.Predict"/> gives for it (tested). Owns its network replica, so streams run on separate
/// threads independently; one stream is used by one thread at a time. Returned tensors are workspaces, valid until the
/// next step.
/// </summary>
/// <remarks>
/// Attention needs no past outputs: with a fixed query q, softmax-weighted sums can be updated one step at a time (the
/// "online softmax" of FlashAttention). Per stream b it keeps m_b, the largest score so far, and the sums
/// d_b = Σ_t exp(s_tb − m_b) and n_b = Σ_t exp(s_tb − m_b) h_tb; a new score s rescales both by exp(m_b − m′_b) with
/// m′_b = max(m_b, s) before adding its own term, and the pooled row is n_b / d_b, the attention pooling of the steps
/// so far (it equals Predict's within rounding, not bit for bit). The weights α of the steps so far are not kept.
/// </remarks>
public sealed class SequenceStream
{
    private readonly SequenceNetwork<float> _network;
    private readonly RecurrentState<float>[] _states;
    private readonly Tensor<float> _input, _pooled, _mean; // (B, I) the stack's input, (B, H) pooled so far, its mean
    private readonly float[] _maxScore, _denominator;      // (B) m_b and d_b of attention pooling (remarks)
    private int _steps;

    internal SequenceStream(SequenceNetwork<float> network, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        if (network.Options.Bidirectional)
            throw new InvalidOperationException(
                "a bidirectional model reads each sequence from its end too, so it cannot run one step at a time");
        _network = network;
        BatchSize = batch;
        _states = network.CreateStates(batch);
        _input = new Tensor<float>(batch, network.Options.StackInputSize);
        _pooled = new Tensor<float>(batch, network.Options.HiddenSize);
        _mean = new Tensor<float>(batch, network.Options.HiddenSize);
        (_maxScore, _denominator) = network.PoolQuery is null ? ([], []) : (new float[batch], new float[batch]);
    }

    /// <summary>B, the streams.</summary>
    public int BatchSize { get; }

    /// <summary>Steps taken since the start or the last <see cref="Reset"/>.</summary>
    public int Steps => _steps;

    /// <summary>One step of feature input: x_t (B, F); returns the outputs (B, K).</summary>
    public Tensor<float> Step(Tensor<float> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (_network.Options.Input != InputKind.Features)
            throw new InvalidOperationException("this model reads token ids: call Step(tokens)");
        ShapeCheck.Require(features, "features", "(B, F)", BatchSize, _network.Options.InputSize);
        features.Span.CopyTo(_input.Span);
        return Advance();
    }

    /// <summary>One step of token input: one id per stream (B), each in [0, V); returns the outputs (B, K).</summary>
    public Tensor<float> Step(ReadOnlySpan<int> tokens)
    {
        if (_network.Options.Input != InputKind.Tokens)
            throw new InvalidOperationException("this model reads features: call Step(features)");
        if (tokens.Length != BatchSize)
            throw new ShapeMismatchException($"tokens: expected (B) = ({BatchSize}), got ({tokens.Length})");
        _network.EncodeTokens(tokens, _input.Span);
        return Advance();
    }

    /// <summary>Starts every stream again from the zero state.</summary>
    public void Reset()
    {
        foreach (var state in _states)
        {
            state.H.Clear();
            state.C?.Clear();
        }
        _steps = 0;
    }

    private Tensor<float> Advance()
    {
        var h = _network.StepStack(_input, _states); // (B, H)
        _steps++;
        var options = _network.Options;
        if (options.Head == HeadKind.PerStep || options.Pooling == PoolingKind.Last) return _network.Head(h);
        var pooled = _pooled.Span;
        ReadOnlySpan<float> now = h.Span;
        if (options.Pooling == PoolingKind.Max)
        {
            if (_steps == 1) now.CopyTo(pooled);
            else TensorPrimitives.Max(pooled, now, pooled);
            return _network.Head(_pooled);
        }
        if (options.Pooling == PoolingKind.Attention) return AttendOnline(now);
        // the sum so far, divided at each step, so the bits match the pooling over a whole sequence
        if (_steps == 1) now.CopyTo(pooled);
        else TensorPrimitives.Add(pooled, now, pooled);
        TensorPrimitives.Divide(pooled, _steps, _mean.Span);
        return _network.Head(_mean);
    }

    /// <summary>The attention pooling of the steps so far, updated by h_t (B, H) (class remarks).</summary>
    private Tensor<float> AttendOnline(ReadOnlySpan<float> now)
    {
        int w = _network.Options.HiddenSize;
        ReadOnlySpan<float> q = _network.PoolQuery!.Value.Span;
        var numerator = _pooled.Span;
        var pooled = _mean.Span;
        for (int b = 0; b < BatchSize; b++)
        {
            var h = now.Slice(b * w, w);
            var n = numerator.Slice(b * w, w);
            float score = TensorPrimitives.Dot(h, q);
            if (_steps == 1)
            {
                (_maxScore[b], _denominator[b]) = (score, 1);
                h.CopyTo(n);
            }
            else
            {
                float max = MathF.Max(_maxScore[b], score);
                float rescale = MathF.Exp(_maxScore[b] - max), weight = MathF.Exp(score - max);
                _maxScore[b] = max;
                _denominator[b] = _denominator[b] * rescale + weight;
                TensorPrimitives.Multiply(n, rescale, n);
                TensorPrimitives.MultiplyAdd(h, weight, n, n);
            }
            TensorPrimitives.Divide(n, _denominator[b], pooled.Slice(b * w, w));
        }
        return _network.Head(_mean);
    }
}
