using System.Reflection;
using System.Text.Json;
using Recurrent.Layers.Recurrent;
using Recurrent.Onnx.Proto;
using Recurrent.Sequences;

namespace Recurrent.Onnx;

/// <summary>
/// A <see cref="SequenceModel"/> as an ONNX model (docs/onnx.md): input encoding (Gather from the embedding, or
/// OneHot), the recurrent stack (<see cref="OnnxRecurrentStack"/>), the head (MatMul + Add per step, pooling
/// (<see cref="OnnxPooling"/>) and Gemm per sequence), and for a classifier also probabilities = softmax(outputs).
/// Metadata props: format, graph, options (the model's JSON), and when the model has them vocab, classes and
/// normalization (the JSON of the model file), so a consumer needs nothing but the .onnx file.
/// </summary>
internal static class OnnxModelGraph
{
    /// <summary>ONNX IR version 8 goes with opset 17 (onnx/docs/Versioning.md).</summary>
    public const long IrVersion = 8;

    public static ModelProto Build(SequenceModel model, OnnxGraphKind kind)
    {
        var o = model.Options;
        var parameters = model.Parameters;
        bool step = kind == OnnxGraphKind.Step, perStep = o.Head == HeadKind.PerStep, lstm = o.Cell == CellKind.Lstm;
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown graph kind");
        if (step && o.Bidirectional)
            throw new NotSupportedException("a step graph runs forward in time: this model is bidirectional");
        if (step && !perStep && o.Pooling != PoolingKind.Last)
            throw new NotSupportedException($"a step graph needs a head that reads the current step: this model " +
                $"pools by {o.Pooling.ToString().ToLowerInvariant()}");
        int directions = o.Bidirectional ? 2 : 1, states = o.NumLayers * directions;
        const string steps = "steps", batch = "batch";
        var g = new OnnxGraphBuilder(step ? "recurrent_step" : "recurrent_sequence");

        string x;
        if (o.Input == InputKind.Tokens)
        {
            string ids = step ? g.Node("Unsqueeze", [g.Input("token", OnnxDataType.Int64, batch), g.Int64s("axis", 0)])
                : g.Input("tokens", OnnxDataType.Int64, steps, batch);
            x = o.EmbeddingSize > 0
                ? g.Node("Gather", [g.Weight("embed.weight", [o.InputSize, o.EmbeddingSize],
                    parameters["embed.weight"].Value.Span), ids])
                : g.Node("OneHot", [ids, g.Int64s("depth", o.InputSize), g.Weight("onehot.values", [2], [0f, 1f])]);
        }
        else
            x = step ? g.Node("Unsqueeze", [g.Input("features", OnnxDataType.Float, batch, o.InputSize),
                    g.Int64s("axis", 0)])
                : g.Input("features", OnnxDataType.Float, steps, batch, o.InputSize);
        string? lengths = step || perStep ? null : g.Input("lengths", OnnxDataType.Int32, batch);
        string h0 = g.Input("h0", OnnxDataType.Float, states, batch, o.HiddenSize);
        string? c0 = lstm ? g.Input("c0", OnnxDataType.Float, states, batch, o.HiddenSize) : null;

        var stack = OnnxRecurrentStack.Emit(g, OnnxRecurrentStack.StackOf(o), parameters, x, lengths, h0, c0);
        int width = o.StackOutputSize, k = o.OutputSize;
        // Tied weights: the head is the embedding matrix itself, (V, E) with E = H.
        var head = parameters[o.TieWeights ? "embed.weight" : "head.weight"].Value.Span;   // (K, W)
        string bias = g.Weight("head.bias", [k], parameters["head.bias"].Value.Span);
        string outputs;
        object[] outputDims;
        if (perStep || step)
        {
            var transposed = new float[width * k];         // MatMul reads (W, K)
            for (int i = 0; i < k; i++)
                for (int j = 0; j < width; j++) transposed[j * k + i] = head[i * width + j];
            string y = step ? g.Node("Squeeze", [stack.Output, g.Int64s("axis", 0)]) : stack.Output;
            outputs = g.Node("Add", [g.Node("MatMul", [y, g.Weight("head.weight_t", [width, k], transposed)]), bias]);
            outputDims = step ? [batch, k] : [steps, batch, k];
        }
        else
        {
            string? query = o.Pooling == PoolingKind.Attention
                ? g.Weight("pool.query", [width], parameters["pool.query"].Value.Span) : null;
            string pooled = OnnxPooling.Emit(g, o.Pooling, directions, stack.Output, stack.TopFinalHidden, lengths!,
                query);
            outputs = g.Node("Gemm", [pooled, g.Weight("head.weight", [k, width], head), bias], null,
                AttributeProto.Int("transB", 1));
            outputDims = [batch, k];
        }
        g.Output(outputs, "outputs", OnnxDataType.Float, outputDims);
        if (model.ClassNames is not null)
            g.Output(g.Node("Softmax", [outputs], null, AttributeProto.Int("axis", -1)), "probabilities",
                OnnxDataType.Float, outputDims);
        g.Output(stack.FinalHidden, "hn", OnnxDataType.Float, states, batch, o.HiddenSize);
        if (stack.FinalCell is { } cn) g.Output(cn, "cn", OnnxDataType.Float, states, batch, o.HiddenSize);
        return Model(model, g, kind);
    }

    private static ModelProto Model(SequenceModel model, OnnxGraphBuilder g, OnnxGraphKind kind)
    {
        var metadata = new List<KeyValuePair<string, string>>();
        void Add(string key, string value) => metadata.Add(new(key, value));
        Add("graph", kind == OnnxGraphKind.Step ? "step" : "sequence");
        Add("options", model.Options.ToJson());
        if (model.Vocabulary is { } vocabulary) Add("vocab", JsonSerializer.Serialize(vocabulary));
        if (model.ClassNames is { } classes) Add("classes", JsonSerializer.Serialize(classes));
        if (model.Normalization.Count > 0) Add("normalization", JsonSerializer.Serialize(model.Normalization));
        // A forecaster's horizon, differencing and series names live in the model's properties: without them the
        // outputs cannot be turned back into values. Keys the exporter writes itself win over a property's.
        foreach (var (key, value) in model.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            if (key != "format" && metadata.TrueForAll(m => m.Key != key)) Add(key, value);
        return Wrap(g, metadata);
    }

    /// <summary>The ONNX model of a finished graph: IR version, opset, producer, and the metadata props (after
    /// <c>format</c>).</summary>
    public static ModelProto Wrap(OnnxGraphBuilder g, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var version = typeof(OnnxModelGraph).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion ?? "";
        int plus = version.IndexOf('+');
        var proto = new ModelProto
        {
            IrVersion = IrVersion, ProducerName = "Recurrent", ProducerVersion = plus < 0 ? version : version[..plus],
            Graph = g.Graph, DocString = "Exported by Recurrent: see docs/onnx.md for the inputs and outputs.",
        };
        proto.OpsetImports.Add(("", OnnxExport.Opset));
        proto.MetadataProps.Add(new("format", OnnxExport.Format));
        proto.MetadataProps.AddRange(metadata);
        return proto;
    }
}
