using Recurrent.Onnx.Proto;
using Recurrent.Sequences;

namespace Recurrent.Onnx;

/// <summary>
/// A per-sequence head's pooling (docs/equations.md#pooling) as ONNX nodes, over the valid steps t &lt; L_b only:
/// <code>
/// mask[t, b] = t &lt; L_b                          (Range, Less)
/// Last:      p = the top layer's Y_h, directions side by side (the LSTM/GRU/RNN node stops each sequence at L_b)
/// Mean:      p = Σ_t mask·y / max(L_b, 1)
/// Max:       p = max_t where(mask, y, −∞)
/// Attention: α = softmax_t where(mask, y·q, −∞),  p = Σ_t α y
/// </code>
/// A sequence of length 0 pools to zeros, as in the library.
/// </summary>
internal static class OnnxPooling
{
    /// <param name="y">(T, B, W), the stack's output.</param>
    /// <param name="topHidden">(D, B, H), the top layer's Y_h.</param>
    /// <param name="lengths">int32 (B).</param>
    /// <param name="query">The attention query (W) as a graph weight, for Attention.</param>
    /// <returns>p (B, W).</returns>
    public static string Emit(OnnxGraphBuilder g, PoolingKind kind, int directions, string y, string topHidden,
        string lengths, string? query)
    {
        if (kind == PoolingKind.Last)
            return directions == 1
                ? g.Node("Squeeze", [topHidden, g.Int64s("axis", 0)])
                : g.Node("Reshape", [g.Node("Transpose", [topHidden], null, AttributeProto.Ints("perm", 1, 0, 2)),
                    g.Int64s("shape", 0, -1)]);
        string length64 = g.Node("Cast", [lengths], null, AttributeProto.Int("to", (int)OnnxDataType.Int64));
        string steps = g.Node("Gather", [g.Node("Shape", [y]), g.Int64Scalar("zero", 0)]);
        string t = g.Node("Range", [g.Int64Scalar("zero", 0), steps, g.Int64Scalar("one", 1)]);
        string mask = g.Node("Less", [g.Node("Unsqueeze", [t, g.Int64s("axis", 1)]),
            g.Node("Unsqueeze", [length64, g.Int64s("axis", 0)])]);                     // (T, B)
        string mask3 = g.Node("Unsqueeze", [mask, g.Int64s("axis", 2)]);                // (T, B, 1)
        string minusInfinity = g.FloatScalar("minus_infinity", float.NegativeInfinity);
        string pooled;
        switch (kind)
        {
            case PoolingKind.Mean:
                string masked = g.Node("Mul", [y, g.Node("Cast", [mask3], null,
                    AttributeProto.Int("to", (int)OnnxDataType.Float))]);
                string count = g.Node("Max", [g.Node("Cast", [length64], null,
                    AttributeProto.Int("to", (int)OnnxDataType.Float)), g.FloatScalar("one", 1)]);
                return g.Node("Div", [Sum(g, masked), g.Node("Unsqueeze", [count, g.Int64s("axis", 1)])]);
            case PoolingKind.Max:
                pooled = g.Node("ReduceMax", [g.Node("Where", [mask3, y, minusInfinity])], null,
                    AttributeProto.Ints("axes", 0), AttributeProto.Int("keepdims", 0));
                break;
            default:
                string scores = g.Node("MatMul", [y, query!]);                                   // (T, B)
                string alpha = g.Node("Softmax", [g.Node("Where", [mask, scores, minusInfinity])], null,
                    AttributeProto.Int("axis", 0));
                pooled = Sum(g, g.Node("Mul", [y, g.Node("Unsqueeze", [alpha, g.Int64s("axis", 2)])]));
                break;
        }
        // Max and softmax over no step give −∞ and NaN: the library pools an empty sequence to zeros.
        string any = g.Node("Greater", [length64, g.Int64Scalar("zero", 0)]);
        return g.Node("Where", [g.Node("Unsqueeze", [any, g.Int64s("axis", 1)]), pooled,
            g.FloatScalar("zero", 0)]);
    }

    private static string Sum(OnnxGraphBuilder g, string value) =>
        g.Node("ReduceSum", [value, g.Int64s("axis", 0)], null, AttributeProto.Int("keepdims", 0));
}
