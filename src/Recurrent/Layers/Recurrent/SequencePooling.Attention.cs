namespace Recurrent.Layers.Recurrent;

// Attention pooling (docs/equations.md#pooling). Glossary: s scores, α weights, dα = ∂C/∂α, ds = ∂C/∂s, g = ∂C/∂p_b.
public sealed partial class SequencePooling<T>
{
    private Tensor<T>? _input;   // y (T, B, W), the caller's tensor, read again by Backward
    private Tensor<T>? _weights; // α (T, B)
    private T[] _scratch = [];   // (T) dα of one sequence

    /// <summary>
    /// s_tb = y[t, b] · q for t &lt; L_b; α_tb = exp(s_tb − m_b) / Σ_{u&lt;L_b} exp(s_ub − m_b) with m_b = max_t s_tb
    /// (the shift changes nothing but keeps exp finite); p_b = Σ_{t&lt;L_b} α_tb y[t, b]. Padded steps get α = 0, and
    /// a sequence of length 0 pools to 0.
    /// </summary>
    private void AttentionForward(ReadOnlySpan<T> y, Span<T> p, int batch)
    {
        int w = Width;
        ReadOnlySpan<T> q = Query!.Value.Span;
        var alpha = _weights!.Span;
        alpha.Clear();
        for (int b = 0; b < batch; b++)
        {
            int length = _lengths[b];
            if (length == 0) continue;
            T max = T.NegativeInfinity;
            for (int t = 0; t < length; t++)
            {
                T s = TensorPrimitives.Dot(y.Slice((t * batch + b) * w, w), q);
                alpha[t * batch + b] = s;
                max = T.Max(max, s);
            }
            T sum = T.Zero;
            for (int t = 0; t < length; t++)
            {
                T e = T.Exp(alpha[t * batch + b] - max);
                alpha[t * batch + b] = e;
                sum += e;
            }
            var row = p.Slice(b * w, w);
            for (int t = 0; t < length; t++)
            {
                T a = alpha[t * batch + b] /= sum;
                TensorPrimitives.MultiplyAdd(y.Slice((t * batch + b) * w, w), a, row, row);
            }
        }
    }

    /// <summary>
    /// With g = dp_b: dα_tb = g · y[t, b]; ds_tb = α_tb (dα_tb − Σ_u α_ub dα_ub); dy[t, b] = α_tb g + ds_tb q;
    /// dq += Σ_tb ds_tb y[t, b]. Padded steps and sequences of length 0 receive nothing.
    /// </summary>
    private void AttentionBackward(ReadOnlySpan<T> dp, Span<T> dy, int batch)
    {
        int w = Width;
        ReadOnlySpan<T> y = _input!.Span, q = Query!.Value.Span, alpha = _weights!.Span;
        var dq = Query.Gradient.Span;
        var dAlpha = _scratch.AsSpan();
        for (int b = 0; b < batch; b++)
        {
            int length = _lengths[b];
            if (length == 0) continue;
            var g = dp.Slice(b * w, w);
            T expected = T.Zero; // Σ_u α_ub dα_ub
            for (int t = 0; t < length; t++)
            {
                dAlpha[t] = TensorPrimitives.Dot(g, y.Slice((t * batch + b) * w, w));
                expected += alpha[t * batch + b] * dAlpha[t];
            }
            for (int t = 0; t < length; t++)
            {
                T a = alpha[t * batch + b], ds = a * (dAlpha[t] - expected);
                var dyRow = dy.Slice((t * batch + b) * w, w);
                TensorPrimitives.Multiply(g, a, dyRow);
                TensorPrimitives.MultiplyAdd(q, ds, dyRow, dyRow);
                TensorPrimitives.MultiplyAdd(y.Slice((t * batch + b) * w, w), ds, dq, dq);
            }
        }
    }
}
