using System.Text.Json;
using Recurrent.Layers.Recurrent;
using Recurrent.Onnx.Proto;
using Recurrent.Seq2Seq;

namespace Recurrent.Onnx;

/// <summary>
/// A <see cref="Seq2SeqModel"/> as two ONNX models (docs/onnx.md#sequence-to-sequence), the equations of
/// <see cref="Seq2SeqNetwork{T}"/> split where decoding splits them:
/// <code>
/// encoder:  memory = encoder(E_src source; source_lengths)  (Ts, B, K)      (h0, c0) = bridge(h_n, c_n)  (L, B, H_d)
/// decoder:  q, hn, cn = decoder(E_tgt previous; h0, c0)  one step           a, c = attend(q, memory, source_lengths)
///           logits = W_o tanh(W_c [c; q] + b_c) + b_o        (without attention: logits = W_o q + b_o)
/// </code>
/// The bridge joins each layer's directions ([→; ←], as Recurrent.Seq2Seq.StateBridge) by Reshape, Transpose and
/// Reshape, then projects with MatMul + Add when D·H_e ≠ H_d. Both files carry the same metadata: the options, both
/// vocabularies (every id's token, reserved ones first) with their units, and the ids of &lt;pad&gt;, &lt;s&gt;,
/// &lt;/s&gt; and &lt;unk&gt;, so that a consumer encodes, decodes and stops with the files alone.
/// </summary>
internal static class OnnxSeq2SeqGraphs
{
    private const string Batch = "batch", SourceSteps = "source_steps";

    public static ModelProto Encoder(Seq2SeqModel model)
    {
        var o = model.Options;
        var parameters = model.Network.Parameters;
        bool lstm = o.Cell == CellKind.Lstm;
        var g = new OnnxGraphBuilder("recurrent_seq2seq_encoder");
        string source = g.Input("source", OnnxDataType.Int64, SourceSteps, Batch);
        string lengths = g.Input("source_lengths", OnnxDataType.Int32, Batch);
        string x = g.Node("Gather", [g.Weight("encoder.embedding.weight", [o.SourceVocabularySize, o.EmbeddingSize],
            parameters["encoder.embedding.weight"].Value.Span), source]);
        var stackOptions = new RecurrentStackOptions(o.Cell, o.EmbeddingSize, o.EncoderHiddenSize, o.NumLayers,
            o.Bidirectional, Prefix: "encoder.rnn.");
        var stack = OnnxRecurrentStack.Emit(g, stackOptions, parameters, x, lengths, null, null, "encoder.rnn");
        g.Output(stack.Output, "memory", OnnxDataType.Float, SourceSteps, Batch, o.EncoderOutputSize);
        g.Output(Bridge(g, model, stack.FinalHidden, "hidden"), "h0", OnnxDataType.Float, o.NumLayers, Batch,
            o.DecoderHiddenSize);
        if (lstm)
            g.Output(Bridge(g, model, stack.FinalCell!, "cell"), "c0", OnnxDataType.Float, o.NumLayers, Batch,
                o.DecoderHiddenSize);
        return OnnxModelGraph.Wrap(g, Metadata(model, "seq2seq-encoder"));
    }

    public static ModelProto DecoderStep(Seq2SeqModel model)
    {
        var o = model.Options;
        var parameters = model.Network.Parameters;
        bool lstm = o.Cell == CellKind.Lstm, attention = o.Attention != AttentionKind.None;
        int layers = o.NumLayers, hd = o.DecoderHiddenSize, v = o.TargetVocabularySize;
        var g = new OnnxGraphBuilder("recurrent_seq2seq_decoder_step");
        string previous = g.Input("previous", OnnxDataType.Int64, Batch);
        string h0 = g.Input("h0", OnnxDataType.Float, layers, Batch, hd);
        string? c0 = lstm ? g.Input("c0", OnnxDataType.Float, layers, Batch, hd) : null;
        string? memory = attention
            ? g.Input("memory", OnnxDataType.Float, SourceSteps, Batch, o.EncoderOutputSize) : null;
        string? lengths = attention ? g.Input("source_lengths", OnnxDataType.Int32, Batch) : null;

        string x = g.Node("Gather", [g.Weight("decoder.embedding.weight", [v, o.EmbeddingSize],
            parameters["decoder.embedding.weight"].Value.Span), g.Node("Unsqueeze", [previous,
            g.Int64s("axis", 0)])]);                                                                // (1, B, E)
        var stackOptions = new RecurrentStackOptions(o.Cell, o.EmbeddingSize, hd, layers, Prefix: "decoder.rnn.");
        var stack = OnnxRecurrentStack.Emit(g, stackOptions, parameters, x, null, h0, c0, "decoder.rnn");
        string query = g.Node("Squeeze", [stack.Output, g.Int64s("axis", 0)]);                     // (B, H_d)
        string features = query;
        OnnxAttention.Result? attended = null;
        if (attention)
        {
            attended = OnnxAttention.Emit(g, o, parameters, memory!, lengths!, query);
            string joined = g.Node("Concat", [attended.Context, query], null, AttributeProto.Int("axis", 1));
            features = g.Node("Tanh", [Dense(g, model, "decoder.combine", joined)]);                // h̃ (B, H_d)
        }
        g.Output(Dense(g, model, "decoder.out", features), "logits", OnnxDataType.Float, Batch, v);
        g.Output(stack.FinalHidden, "hn", OnnxDataType.Float, layers, Batch, hd);
        if (stack.FinalCell is { } cn) g.Output(cn, "cn", OnnxDataType.Float, layers, Batch, hd);
        if (attended is not null)
            g.Output(attended.Weights, "attention", OnnxDataType.Float, Batch, SourceSteps);
        return OnnxModelGraph.Wrap(g, Metadata(model, "seq2seq-decoder-step"));
    }

    /// <summary>x Wᵀ + b of the Dense layer "{name}.weight" (out, in), "{name}.bias", as one Gemm.</summary>
    private static string Dense(OnnxGraphBuilder g, Seq2SeqModel model, string name, string x)
    {
        var parameters = model.Network.Parameters;
        var weight = parameters[name + ".weight"];
        return g.Node("Gemm", [x, g.Weight(name + ".weight", [weight.Shape[0], weight.Shape[1]], weight.Value.Span),
            g.Weight(name + ".bias", [weight.Shape[0]], parameters[name + ".bias"].Value.Span)], null,
            AttributeProto.Int("transB", 1));
    }

    /// <summary>
    /// The decoder's initial state (L, B, H_d) from the encoder's final one (L·D, B, H_e): row l·D + d goes to
    /// columns [d·H_e, (d+1)·H_e) of layer l (Recurrent.Seq2Seq.StateBridge), then "bridge.{which}.*" projects it when
    /// D·H_e ≠ H_d.
    /// </summary>
    private static string Bridge(OnnxGraphBuilder g, Seq2SeqModel model, string state, string which)
    {
        var o = model.Options;
        string joined = state;
        if (o.Bidirectional)
            joined = g.Node("Reshape", [g.Node("Transpose", [g.Node("Reshape", [state,
                    g.Int64s("shape", o.NumLayers, 2, -1, o.EncoderHiddenSize)])], null,      // (L, D, B, H_e)
                    AttributeProto.Ints("perm", 0, 2, 1, 3)),                                  // (L, B, D, H_e)
                g.Int64s("shape", 0, 0, -1)]);                                                 // (L, B, D·H_e)
        if (!o.ProjectsState) return joined;
        var parameters = model.Network.Parameters;
        string name = $"bridge.{which}";
        return g.Node("Add", [g.Node("MatMul", [joined, g.WeightTransposed(name + ".weight_t", o.DecoderHiddenSize,
                o.EncoderOutputSize, parameters[name + ".weight"].Value.Span)]),
            g.Weight(name + ".bias", [o.DecoderHiddenSize], parameters[name + ".bias"].Value.Span)]);
    }

    private static List<KeyValuePair<string, string>> Metadata(Seq2SeqModel model, string graph) =>
    [
        new("graph", graph),
        new("options", model.Options.ToJson()),
        new("source_unit", model.SourceVocabulary.Unit.ToString().ToLowerInvariant()),
        new("target_unit", model.TargetVocabulary.Unit.ToString().ToLowerInvariant()),
        new("source_vocab", JsonSerializer.Serialize(model.SourceVocabulary.Tokens)),
        new("target_vocab", JsonSerializer.Serialize(model.TargetVocabulary.Tokens)),
        new("pad_id", TokenVocabulary.Pad.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("bos_id", TokenVocabulary.Start.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("eos_id", TokenVocabulary.End.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("unk_id", TokenVocabulary.Unknown.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}
