using Google.Protobuf;

namespace Recurrent.Onnx.Proto;

/// <summary>
/// onnx.ValueInfoProto for a tensor: name = 1, type = 2 (TypeProto: tensor_type = 1, a TypeProto.Tensor of
/// elem_type = 1 and shape = 2; TensorShapeProto: dim = 1; Dimension: dim_value = 1 or dim_param = 2). A dimension
/// given as a string is symbolic (dynamic): "batch", "steps".
/// </summary>
internal sealed class ValueInfoProto(string name, OnnxDataType type, params object[] dims) : ProtoMessage
{
    public string Name { get; } = name;

    public override void WriteTo(CodedOutputStream output)
    {
        WriteString(output, 1, Name);
        WriteMessage(output, 2, new Wrapper(1, new TensorType(type, dims)));
    }

    /// <summary>A message that holds one nested message.</summary>
    private sealed class Wrapper(int field, ProtoMessage inner) : ProtoMessage
    {
        public override void WriteTo(CodedOutputStream output) => WriteMessage(output, field, inner);
    }

    private sealed class TensorType(OnnxDataType type, object[] dims) : ProtoMessage
    {
        public override void WriteTo(CodedOutputStream output)
        {
            WriteInt64(output, 1, (int)type);
            WriteMessage(output, 2, new Shape(dims));
        }
    }

    private sealed class Shape(object[] dims) : ProtoMessage
    {
        public override void WriteTo(CodedOutputStream output)
        {
            foreach (var d in dims) WriteMessage(output, 1, new Dimension(d));
        }
    }

    private sealed class Dimension(object dim) : ProtoMessage
    {
        public override void WriteTo(CodedOutputStream output)
        {
            switch (dim)
            {
                case string symbol: WriteString(output, 2, symbol); break;
                case int size: WriteInt64(output, 1, size); break;
                case long size: WriteInt64(output, 1, size); break;
                default: throw new ArgumentException($"dimension must be a size or a name, got {dim}");
            }
        }
    }
}
