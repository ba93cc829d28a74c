using Google.Protobuf;

namespace Recurrent.Onnx.Proto;

/// <summary>
/// onnx.GraphProto: node = 1, name = 2, initializer = 5 (TensorProto), doc_string = 10, input = 11, output = 12
/// (ValueInfoProto). Nodes must be listed in a topological order.
/// </summary>
internal sealed class GraphProto : ProtoMessage
{
    public string Name { get; init; } = "";
    public string DocString { get; init; } = "";
    public List<NodeProto> Nodes { get; } = [];
    public List<TensorProto> Initializers { get; } = [];
    public List<ValueInfoProto> Inputs { get; } = [];
    public List<ValueInfoProto> Outputs { get; } = [];

    public override void WriteTo(CodedOutputStream output)
    {
        foreach (var node in Nodes) WriteMessage(output, 1, node);
        WriteString(output, 2, Name);
        foreach (var tensor in Initializers) WriteMessage(output, 5, tensor);
        WriteString(output, 10, DocString);
        foreach (var input in Inputs) WriteMessage(output, 11, input);
        foreach (var value in Outputs) WriteMessage(output, 12, value);
    }
}
