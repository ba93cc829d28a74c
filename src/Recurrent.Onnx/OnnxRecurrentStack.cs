using Recurrent.Layers.Recurrent;
using Recurrent.Onnx.Proto;
using Recurrent.Parameters;
using Recurrent.Sequences;

namespace Recurrent.Onnx;

/// <summary>
/// Emits a model's recurrent stack as one ONNX LSTM, GRU or RNN node per layer (opset 14 or later, layout = 0:
/// time-major X (T, B, I), Y (T, D, B, H), Y_h and Y_c (D, B, H)). Layer l reads the previous layer's Y with its
/// directions concatenated per step ([→, ←], PyTorch's order) and its slice [l·D, (l+1)·D) of h0 (and c0); h_n (and
/// c_n) concatenate the layers' Y_h (and Y_c), so the state layout is PyTorch's (L·D, B, H). Dropout is a training
/// matter and is not exported. The weights are read under the stack's prefix ("rnn." in a sequence model,
/// "encoder.rnn." and "decoder.rnn." in a seq2seq model) and written under <c>{name}.l{layer}.W</c> etc.
/// </summary>
internal static class OnnxRecurrentStack
{
    /// <summary>What the stack produced: y (T, B, D·H), h_n and c_n (L·D, B, H), and the top layer's Y_h (D, B, H),
    /// each sequence's state after its last valid step (the reverse direction's after t = 0).</summary>
    public sealed record Result(string Output, string FinalHidden, string? FinalCell, string TopFinalHidden);

    /// <summary>The stack of a sequence model (parameters "rnn.*", written as "rnn.l{layer}.*").</summary>
    public static RecurrentStackOptions StackOf(SequenceModelOptions o) => new(o.Cell, o.StackInputSize, o.HiddenSize,
        o.NumLayers, o.Bidirectional, Peepholes: o.Peepholes, GruForm: o.GruForm, Prefix: "rnn.");

    /// <param name="lengths">int32 (B) sequence lengths, or null when every sequence has T steps.</param>
    /// <param name="h0">(L·D, B, H), or null for zeros (ONNX's default initial state).</param>
    /// <param name="c0">As <paramref name="h0"/> for an LSTM.</param>
    /// <param name="name">The prefix of the ONNX weights' names.</param>
    public static Result Emit(OnnxGraphBuilder g, RecurrentStackOptions options, ParameterSet<float> parameters,
        string x, string? lengths, string? h0, string? c0, string name = "rnn")
    {
        int directions = options.Directions, layers = options.NumLayers, h = options.HiddenSize;
        bool lstm = options.Cell == CellKind.Lstm;
        var hn = new List<string>();
        var cn = new List<string>();
        string input = x, topHidden = "";
        int inputSize = options.InputSize;
        // "" leaves an optional input out: ONNX then starts from zeros.
        string Initial(string? state, int l) =>
            state is null ? "" : layers == 1 ? state : StateSlice(g, state, l, directions);
        for (int l = 0; l < layers; l++)
        {
            var w = LayerWeights(g, options, parameters, l, inputSize, name);
            var inputs = new List<string> { input, w.W, w.R, w.B, lengths ?? "", Initial(h0, l) };
            if (lstm)
            {
                inputs.Add(Initial(c0, l));
                if (w.P is not null) inputs.Add(w.P);
            }
            string y = g.Fresh($"y_l{l}"), yh = g.Fresh($"h_l{l}"), yc = lstm ? g.Fresh($"c_l{l}") : "";
            var attributes = new List<AttributeProto>
            {
                AttributeProto.Int("hidden_size", h),
                AttributeProto.String("direction", directions == 2 ? "bidirectional" : "forward"),
                AttributeProto.Int("layout", 0),
            };
            if (options.Cell == CellKind.Gru)
                attributes.Add(AttributeProto.Int("linear_before_reset",
                    options.GruForm == GruForm.ResetAfterProduct ? 1 : 0));
            string op = options.Cell switch { CellKind.Lstm => "LSTM", CellKind.Gru => "GRU", _ => "RNN" };
            g.Nodes(op, [.. inputs], lstm ? [y, yh, yc] : [y, yh], [.. attributes]);
            hn.Add(yh);
            if (lstm) cn.Add(yc);
            topHidden = yh;
            input = directions == 1
                ? g.Node("Squeeze", [y, g.Int64s("axis", 1)])                        // (T, 1, B, H) → (T, B, H)
                : g.Node("Reshape", [g.Node("Transpose", [y], null, AttributeProto.Ints("perm", 0, 2, 1, 3)),
                    g.Int64s("shape", 0, 0, -1)]);                                   // (T, 2, B, H) → (T, B, 2H)
            inputSize = directions * h;
        }
        return new Result(input, Concat(g, hn), lstm ? Concat(g, cn) : null, topHidden);
    }

    private sealed record Weights(string W, string R, string B, string? P);

    /// <summary>W (D, G·H, I), R (D, G·H, H), B (D, 2·G·H) = [W_b, R_b], P (D, 3H) in ONNX's gate order.</summary>
    private static Weights LayerWeights(OnnxGraphBuilder g, RecurrentStackOptions options,
        ParameterSet<float> parameters, int layer, int inputSize, string name)
    {
        int directions = options.Directions, h = options.HiddenSize;
        int[] blocks = OnnxGateOrder.Blocks(options.Cell);
        int gates = blocks.Length;
        // The course's GRU keeps the old state with 1 − z, ONNX with z: negate z (ONNX block 0) (OnnxGateOrder).
        int negated = options.Cell == CellKind.Gru && options.GruForm == GruForm.ResetBeforeProduct ? 0 : -1;
        var w = new float[directions * gates * h * inputSize];
        var r = new float[directions * gates * h * h];
        var b = new float[directions * 2 * gates * h];
        bool peepholes = options.Cell == CellKind.Lstm && options.Peepholes;
        var p = peepholes ? new float[directions * 3 * h] : null;
        for (int d = 0; d < directions; d++)
        {
            string suffix = $"_l{layer}" + (d == 1 ? "_reverse" : "");
            ReadOnlySpan<float> Get(string weight) => parameters[options.Prefix + weight + suffix].Value.Span;
            int wLength = gates * h * inputSize, rLength = gates * h * h, bLength = gates * h;
            OnnxGateOrder.Reorder(Get("weight_ih"), w.AsSpan(d * wLength, wLength), blocks, h * inputSize, negated);
            OnnxGateOrder.Reorder(Get("weight_hh"), r.AsSpan(d * rLength, rLength), blocks, h * h, negated);
            OnnxGateOrder.Reorder(Get("bias_ih"), b.AsSpan(2 * d * bLength, bLength), blocks, h, negated);
            OnnxGateOrder.Reorder(Get("bias_hh"), b.AsSpan((2 * d + 1) * bLength, bLength), blocks, h, negated);
            if (p is not null) // ONNX's P is [p_i, p_o, p_f]
            {
                Get("weight_ci").CopyTo(p.AsSpan((3 * d + 0) * h, h));
                Get("weight_co").CopyTo(p.AsSpan((3 * d + 1) * h, h));
                Get("weight_cf").CopyTo(p.AsSpan((3 * d + 2) * h, h));
            }
        }
        string layerName = $"{name}.l{layer}";
        return new Weights(
            g.Weight(layerName + ".W", [directions, gates * h, inputSize], w),
            g.Weight(layerName + ".R", [directions, gates * h, h], r),
            g.Weight(layerName + ".B", [directions, 2 * gates * h], b),
            p is null ? null : g.Weight(layerName + ".P", [directions, 3 * h], p));
    }

    /// <summary>Rows [l·D, (l+1)·D) of a (L·D, B, H) state.</summary>
    private static string StateSlice(OnnxGraphBuilder g, string state, int layer, int directions) =>
        g.Node("Slice", [state, g.Int64s("start", layer * directions), g.Int64s("end", (layer + 1) * directions),
            g.Int64s("axis", 0)]);

    private static string Concat(OnnxGraphBuilder g, List<string> states) =>
        states.Count == 1 ? states[0] : g.Node("Concat", [.. states], null, AttributeProto.Int("axis", 0));
}
