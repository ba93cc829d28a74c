using Recurrent.Layers;
using Recurrent.Parameters;

namespace Recurrent.Seq2Seq;

/// <summary>
/// The decoder's initial state from the encoder's final state, per layer l (docs/equations.md#seq2seq):
/// <code>
/// s_lb = [h_n(l, fwd, b); h_n(l, rev, b)]  (D·H_e)     h0_dec(l, b) = s_lb if D·H_e = H_d, else W s_lb + b
/// Backward: ds = dh0_dec (identity) or dh0_dec W; the halves of ds go back to h_n's two directions.
/// </code>
/// the same for c (LSTM) with its own projection. One projection serves every layer.
/// Glossary: L layers, D encoder directions, B batch, H_e encoder and H_d decoder hidden sizes; s the joined state.
/// </summary>
internal sealed class StateBridge<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dense<T>? _hidden, _cell;
    private readonly int _layers, _directions, _encoderSize, _decoderSize;
    private Tensor<T>? _joinedH, _joinedC, _h0, _c0, _dhN, _dcN;

    public StateBridge(ParameterSet<T> parameters, Seq2SeqOptions options, bool hasCellState)
    {
        _layers = options.NumLayers;
        _directions = options.Bidirectional ? 2 : 1;
        _encoderSize = options.EncoderHiddenSize;
        _decoderSize = options.DecoderHiddenSize;
        if (!options.ProjectsState) return;
        _hidden = new Dense<T>(parameters, "bridge.hidden.", options.EncoderOutputSize, _decoderSize);
        if (hasCellState) _cell = new Dense<T>(parameters, "bridge.cell.", options.EncoderOutputSize, _decoderSize);
    }

    /// <summary>h0 and c0 (L, B, H_d) of the decoder from h_n and c_n (L·D, B, H_e) of the encoder (workspaces).
    /// </summary>
    public (Tensor<T> H0, Tensor<T>? C0) Forward(Tensor<T> hN, Tensor<T>? cN)
    {
        int batch = hN.Dim(1);
        Join(hN, ref _joinedH, batch);
        if (cN is not null) Join(cN, ref _joinedC, batch);
        if (_hidden is null) return (Reshape(_joinedH!, batch), cN is null ? null : Reshape(_joinedC!, batch));
        _h0 = Reshape(_hidden.Forward(_joinedH!), batch);
        _c0 = cN is null ? null : Reshape(_cell!.Forward(_joinedC!), batch);
        return (_h0, _c0);
    }

    /// <summary>dh_n and dc_n (L·D, B, H_e) from dh0 and dc0 (L, B, H_d); adds the projections' gradients.</summary>
    public (Tensor<T> DhN, Tensor<T>? DcN) Backward(Tensor<T> dh0, Tensor<T>? dc0)
    {
        int batch = dh0.Dim(1);
        if (_dhN is null || _dhN.Dim(1) != batch)
        {
            _dhN = new Tensor<T>(_layers * _directions, batch, _encoderSize);
            _dcN = new Tensor<T>(_layers * _directions, batch, _encoderSize);
        }
        Split(_hidden is null ? dh0 : _hidden.Backward(dh0.Reshape(_layers * batch, _decoderSize)), _dhN, batch);
        if (dc0 is null) return (_dhN, null);
        Split(_cell is null ? dc0 : _cell.Backward(dc0.Reshape(_layers * batch, _decoderSize)), _dcN!, batch);
        return (_dhN, _dcN);
    }

    private Tensor<T> Reshape(Tensor<T> rows, int batch) => rows.Reshape(_layers, batch, _decoderSize);

    /// <summary>joined (L·B, D·H_e): row l·B + b = [state(l·D + d, b) for d].</summary>
    private void Join(Tensor<T> states, ref Tensor<T>? joined, int batch)
    {
        int width = _directions * _encoderSize;
        if (joined is null || joined.Rows != _layers * batch) joined = new Tensor<T>(_layers * batch, width);
        var src = states.Span;
        var dst = joined.Span;
        for (int l = 0; l < _layers; l++)
            for (int d = 0; d < _directions; d++)
                for (int b = 0; b < batch; b++)
                    src.Slice(((l * _directions + d) * batch + b) * _encoderSize, _encoderSize)
                        .CopyTo(dst.Slice((l * batch + b) * width + d * _encoderSize, _encoderSize));
    }

    /// <summary>The inverse of <see cref="Join"/>: (L·B, D·H_e) rows back to (L·D, B, H_e).</summary>
    private void Split(Tensor<T> joined, Tensor<T> states, int batch)
    {
        int width = _directions * _encoderSize;
        ReadOnlySpan<T> src = joined.Span;
        var dst = states.Span;
        for (int l = 0; l < _layers; l++)
            for (int d = 0; d < _directions; d++)
                for (int b = 0; b < batch; b++)
                    src.Slice((l * batch + b) * width + d * _encoderSize, _encoderSize)
                        .CopyTo(dst.Slice(((l * _directions + d) * batch + b) * _encoderSize, _encoderSize));
    }
}
