using Google.Protobuf;

namespace Recurrent.Onnx.Proto;

/// <summary>
/// onnx.NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5 (AttributeProto), domain = 7. An
/// optional input left out in the middle of the list is written as the empty name "".
/// </summary>
internal sealed class NodeProto : ProtoMessage
{
    public required string OpType { get; init; }
    public string Name { get; init; } = "";
    public required IReadOnlyList<string> Inputs { get; init; }
    public required IReadOnlyList<string> Outputs { get; init; }
    public IReadOnlyList<AttributeProto> Attributes { get; init; } = [];

    public override void WriteTo(CodedOutputStream output)
    {
        foreach (var input in Inputs) WriteStringAlways(output, 1, input);
        foreach (var name in Outputs) WriteStringAlways(output, 2, name);
        WriteString(output, 3, Name);
        WriteString(output, 4, OpType);
        foreach (var attribute in Attributes) WriteMessage(output, 5, attribute);
    }
}
