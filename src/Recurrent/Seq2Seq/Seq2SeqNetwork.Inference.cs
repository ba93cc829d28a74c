using Recurrent.Layers.Recurrent;

namespace Recurrent.Seq2Seq;

/// <summary>Decoding one step at a time: the forward equations of the class summary for a single decoder step, with
/// the decoder's state carried by the caller. Nothing is kept for a backward pass.</summary>
public sealed partial class Seq2SeqNetwork<T>
{
    private Tensor<T>? _stepInput, _stepJoined, _stepPre, _stepAttentional, _stepLogits, _replicatedKeys;

    /// <summary>
    /// Encodes <paramref name="sources"/> (token ids, each non-empty) and prepares <paramref name="copies"/> decoder
    /// rows per source (row i·copies + j: a beam of source i), each starting from its source's bridged state, with the
    /// attention's keys replicated to match.
    /// </summary>
    /// <returns>The decoder states, one per layer, (R, H_d) each with R = sources·copies.</returns>
    internal RecurrentState<T>[] BeginDecoding(IReadOnlyList<int[]> sources, int copies)
    {
        var batch = Seq2SeqBatch.Create(sources, [.. sources.Select(_ => Array.Empty<int>())]);
        int b = batch.BatchSize, ts = batch.SourceSteps, rows = b * copies, hd = Options.DecoderHiddenSize;
        int k = Options.EncoderOutputSize;
        var keys = _encoder.Forward(_sourceEmbedding.Forward(batch.SourceTokens, ts, b), batch.SourceLengths);
        var (h0, c0) = _bridge.Forward(_encoder.FinalHidden, _encoder.FinalCell);
        var lengths = new int[rows];
        if (_replicatedKeys is null || !_replicatedKeys.HasShape(ts, rows, k))
            _replicatedKeys = new Tensor<T>(ts, rows, k);
        ReadOnlySpan<T> src = keys.Span;
        var dst = _replicatedKeys.Span;
        for (int i = 0; i < b; i++)
            for (int j = 0; j < copies; j++)
            {
                lengths[i * copies + j] = batch.SourceLengths[i];
                for (int s = 0; s < ts; s++)
                    src.Slice((s * b + i) * k, k).CopyTo(dst.Slice((s * rows + i * copies + j) * k, k));
            }
        _attention?.SetKeys(_replicatedKeys, lengths);
        var states = new RecurrentState<T>[Options.NumLayers];
        for (int l = 0; l < states.Length; l++)
        {
            states[l] = new RecurrentState<T>(rows, hd, c0 is not null);
            for (int r = 0; r < rows; r++)
            {
                int from = (l * b + r / copies) * hd;
                h0.Span.Slice(from, hd).CopyTo(states[l].H.Row(r));
                if (c0 is not null) c0.Span.Slice(from, hd).CopyTo(states[l].C!.Row(r));
            }
        }
        return states;
    }

    /// <summary>One decoder step for every row: reads each row's previous token, updates <paramref name="states"/> in
    /// place and returns the logits z (R, V_tgt) (a workspace). After <see cref="BeginDecoding"/>.</summary>
    internal Tensor<T> DecodeStep(ReadOnlySpan<int> previous, RecurrentState<T>[] states)
    {
        int rows = previous.Length, hd = Options.DecoderHiddenSize, k = Options.EncoderOutputSize;
        if (_stepInput is null || _stepInput.Rows != rows)
        {
            _stepInput = new Tensor<T>(rows, Options.EmbeddingSize);
            _stepJoined = new Tensor<T>(rows, k + hd);
            _stepPre = new Tensor<T>(rows, hd);
            _stepAttentional = new Tensor<T>(rows, hd);
            _stepLogits = new Tensor<T>(rows, Options.TargetVocabularySize);
        }
        _targetEmbedding.Lookup(previous, _stepInput.Span);
        var h = _decoder.Step(_stepInput, states); // (R, H_d)
        if (_attention is null)
        {
            _output.Infer(h, _stepLogits!);
            return _stepLogits!;
        }
        var context = _attention.Attend(h.Reshape(1, rows, hd));
        Join(context.Span, h.Span, _stepJoined!.Span, rows, k, hd);
        _combine!.Infer(_stepJoined, _stepPre!);
        TensorPrimitives.Tanh<T>(_stepPre!.Span, _stepAttentional!.Span);
        _output.Infer(_stepAttentional, _stepLogits!);
        return _stepLogits!;
    }

    /// <summary>a (1, R, Ts) of the last <see cref="DecodeStep"/>; null without attention.</summary>
    internal Tensor<T>? StepAttentionWeights => _attention?.Weights;
}
