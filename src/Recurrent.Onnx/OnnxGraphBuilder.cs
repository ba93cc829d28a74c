using Recurrent.Onnx.Proto;

namespace Recurrent.Onnx;

/// <summary>
/// Collects the nodes, weights (initializers), inputs and outputs of one ONNX graph in the order they are added, which
/// is the topological order ONNX requires when every node is added after the nodes it reads. Intermediate values get
/// fresh names ("{hint}_{n}"); graph inputs, outputs and weights keep the names given.
/// </summary>
internal sealed class OnnxGraphBuilder(string name)
{
    private readonly GraphProto _graph = new() { Name = name };
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _counter;

    /// <summary>The graph so far.</summary>
    public GraphProto Graph => _graph;

    /// <summary>Declares a graph input; dims are sizes (int) or symbolic names (string).</summary>
    public string Input(string input, OnnxDataType type, params object[] dims)
    {
        Claim(input);
        _graph.Inputs.Add(new ValueInfoProto(input, type, dims));
        return input;
    }

    /// <summary>Declares that the value <paramref name="value"/> is the graph output <paramref name="output"/>
    /// (through an Identity node when the names differ).</summary>
    public void Output(string value, string output, OnnxDataType type, params object[] dims)
    {
        if (value != output) Node("Identity", [value], output);
        _graph.Outputs.Add(new ValueInfoProto(output, type, dims));
    }

    /// <summary>A float weight.</summary>
    public string Weight(string weight, long[] dims, ReadOnlySpan<float> values)
    {
        Claim(weight);
        _graph.Initializers.Add(TensorProto.Floats(weight, dims, values));
        return weight;
    }

    /// <summary>The transpose (cols, rows) of a row-major (rows, cols) weight, for a MatMul that reads x Wᵀ as
    /// x · (Wᵀ).</summary>
    public string WeightTransposed(string weight, int rows, int cols, ReadOnlySpan<float> values)
    {
        if (values.Length != rows * cols)
            throw new ArgumentException($"{weight}: expected {rows}×{cols} values, got {values.Length}");
        var transposed = new float[values.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) transposed[j * rows + i] = values[i * cols + j];
        return Weight(weight, [cols, rows], transposed);
    }

    /// <summary>A constant int64 tensor (a list of axes, a shape), named from <paramref name="hint"/>.</summary>
    public string Int64s(string hint, params long[] values)
    {
        string constant = Claim(Fresh(hint));
        _graph.Initializers.Add(TensorProto.Int64s(constant, [values.Length], values));
        return constant;
    }

    /// <summary>A constant int64 scalar.</summary>
    public string Int64Scalar(string hint, long value)
    {
        string constant = Claim(Fresh(hint));
        _graph.Initializers.Add(TensorProto.Int64s(constant, [], [value]));
        return constant;
    }

    /// <summary>A constant float scalar.</summary>
    public string FloatScalar(string hint, float value)
    {
        string constant = Claim(Fresh(hint));
        _graph.Initializers.Add(TensorProto.Floats(constant, [], [value]));
        return constant;
    }

    /// <summary>A node with one output, named <paramref name="output"/> or fresh from the op's name.</summary>
    public string Node(string op, string[] inputs, string? output = null, params AttributeProto[] attributes) =>
        Nodes(op, inputs, [output ?? Fresh(op.ToLowerInvariant())], attributes)[0];

    /// <summary>A node with several outputs (names given: "" leaves an optional output out).</summary>
    public string[] Nodes(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        foreach (var o in outputs) if (o.Length > 0) Claim(o);
        _graph.Nodes.Add(new NodeProto
        {
            OpType = op, Name = $"{op}_{_graph.Nodes.Count}", Inputs = inputs, Outputs = outputs,
            Attributes = attributes,
        });
        return outputs;
    }

    /// <summary>A name not used yet (claimed when a node or weight defines it).</summary>
    public string Fresh(string hint)
    {
        string candidate;
        do candidate = $"{hint}_{_counter++}"; while (_names.Contains(candidate));
        return candidate;
    }

    private string Claim(string value) =>
        _names.Add(value) ? value : throw new InvalidOperationException($"graph value '{value}' is defined twice");
}
