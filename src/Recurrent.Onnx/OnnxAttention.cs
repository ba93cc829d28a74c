using Recurrent.Onnx.Proto;
using Recurrent.Parameters;
using Recurrent.Seq2Seq;

namespace Recurrent.Onnx;

/// <summary>
/// One decoder step's attention (docs/equations.md#attention) as ONNX nodes, batch-major so that every product is a
/// batched MatMul; q (B, Q) is the decoder's output, k (B, Ts, K) the memory transposed from (Ts, B, K):
/// <code>
/// dot:       e_bs = k_bs · q_b
/// general:   e_bs = q_bᵀ W k_bs = k_bs · (Wᵀ q_b)             (one (B, Q)·(Q, K) product per step, not one per key)
/// additive:  e_bs = v · tanh(W_q q_b + U k_bs)
/// mask_bs = s &lt; L_b  (Range, Less);   a = where(mask, softmax_s where(mask, e, −∞), 0);   c_b = Σ_s a_bs k_bs
/// </code>
/// The outer <c>Where</c> makes padded weights exactly 0 and a row with L_b = 0 attend to nothing (c = 0), as the
/// library does, where softmax over no step alone would give NaN.
/// </summary>
internal static class OnnxAttention
{
    /// <summary>What the attention produced: the weights a (B, Ts) and the context c (B, K).</summary>
    public sealed record Result(string Weights, string Context);

    /// <param name="memory">The encoder's outputs (Ts, B, K).</param>
    /// <param name="lengths">int32 (B) source lengths.</param>
    /// <param name="query">q (B, Q).</param>
    public static Result Emit(OnnxGraphBuilder g, Seq2SeqOptions options, ParameterSet<float> parameters,
        string memory, string lengths, string query)
    {
        const string prefix = "decoder.attention.";
        int q = options.DecoderHiddenSize, k = options.EncoderOutputSize, a = options.AttentionSize;
        string keys = g.Node("Transpose", [memory], null, AttributeProto.Ints("perm", 1, 0, 2));   // (B, Ts, K)
        string scores;
        if (options.Attention == AttentionKind.Bahdanau)
        {
            string wq = g.Node("MatMul", [query, g.WeightTransposed(prefix + "query.weight_t", a, q,
                parameters[prefix + "query.weight"].Value.Span)]);                                  // (B, A)
            string uk = g.Node("MatMul", [keys, g.WeightTransposed(prefix + "key.weight_t", a, k,
                parameters[prefix + "key.weight"].Value.Span)]);                                    // (B, Ts, A)
            string z = g.Node("Tanh", [g.Node("Add", [uk, g.Node("Unsqueeze", [wq, g.Int64s("axis", 1)])])]);
            scores = g.Node("MatMul", [z, g.Weight(prefix + "v", [a], parameters[prefix + "v"].Value.Span)]);
        }
        else
        {
            string probe = options.Attention == AttentionKind.LuongDot ? query
                : g.Node("MatMul", [query, g.Weight(prefix + "weight", [q, k],
                    parameters[prefix + "weight"].Value.Span)]);                                    // Wᵀq: (B, K)
            scores = g.Node("Squeeze", [g.Node("MatMul", [keys, g.Node("Unsqueeze", [probe, g.Int64s("axis", 2)])]),
                g.Int64s("axis", 2)]);                                                              // (B, Ts)
        }
        string steps = g.Node("Gather", [g.Node("Shape", [memory]), g.Int64Scalar("zero", 0)]);
        string s = g.Node("Range", [g.Int64Scalar("zero", 0), steps, g.Int64Scalar("one", 1)]);
        string length64 = g.Node("Cast", [lengths], null, AttributeProto.Int("to", (int)OnnxDataType.Int64));
        string mask = g.Node("Less", [g.Node("Unsqueeze", [s, g.Int64s("axis", 0)]),
            g.Node("Unsqueeze", [length64, g.Int64s("axis", 1)])]);                                  // (B, Ts)
        string softmax = g.Node("Softmax", [g.Node("Where", [mask, scores,
            g.FloatScalar("minus_infinity", float.NegativeInfinity)])], null, AttributeProto.Int("axis", -1));
        string weights = g.Node("Where", [mask, softmax, g.FloatScalar("zero", 0)]);
        string context = g.Node("Squeeze", [g.Node("MatMul", [g.Node("Unsqueeze", [weights, g.Int64s("axis", 1)]),
            keys]), g.Int64s("axis", 1)]);                                                          // (B, K)
        return new Result(weights, context);
    }
}
