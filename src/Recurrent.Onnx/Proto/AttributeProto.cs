using Google.Protobuf;

namespace Recurrent.Onnx.Proto;

/// <summary>
/// onnx.AttributeProto: name = 1, f = 2 (float), i = 3 (int64), s = 4 (bytes), t = 5 (TensorProto), floats = 7,
/// ints = 8, strings = 9, type = 20 (AttributeType: FLOAT = 1, INT = 2, STRING = 3, TENSOR = 4, FLOATS = 6,
/// INTS = 7, STRINGS = 8). Exactly one value field is set, and type names it (required since IR version 2).
/// </summary>
internal sealed class AttributeProto : ProtoMessage
{
    private const int FloatType = 1, IntType = 2, StringType = 3, TensorType = 4, FloatsType = 6, IntsType = 7,
        StringsType = 8;

    private AttributeProto(string name, int type) => (Name, Type) = (name, type);

    public string Name { get; }
    public int Type { get; }
    private float _f;
    private long _i;
    private string[] _strings = [];
    private float[] _floats = [];
    private long[] _ints = [];
    private TensorProto? _tensor;

    public static AttributeProto Float(string name, float value) => new(name, FloatType) { _f = value };
    public static AttributeProto Int(string name, long value) => new(name, IntType) { _i = value };
    public static AttributeProto String(string name, string value) => new(name, StringType) { _strings = [value] };
    public static AttributeProto Tensor(string name, TensorProto value) => new(name, TensorType) { _tensor = value };
    public static AttributeProto Floats(string name, params float[] values) => new(name, FloatsType)
        { _floats = values };
    public static AttributeProto Ints(string name, params long[] values) => new(name, IntsType) { _ints = values };
    public static AttributeProto Strings(string name, params string[] values) => new(name, StringsType)
        { _strings = values };

    public override void WriteTo(CodedOutputStream output)
    {
        WriteString(output, 1, Name);
        switch (Type)
        {
            case FloatType:
                output.WriteTag(2, WireFormat.WireType.Fixed32);
                output.WriteFloat(_f);
                break;
            case IntType:
                WriteInt64(output, 3, _i);
                break;
            case StringType:
                output.WriteTag(4, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFromUtf8(_strings[0]));
                break;
            case TensorType:
                WriteMessage(output, 5, _tensor!);
                break;
            case FloatsType:
                foreach (float f in _floats)
                {
                    output.WriteTag(7, WireFormat.WireType.Fixed32);
                    output.WriteFloat(f);
                }
                break;
            case IntsType:
                foreach (long i in _ints) WriteInt64(output, 8, i);
                break;
            case StringsType:
                foreach (string s in _strings)
                {
                    output.WriteTag(9, WireFormat.WireType.LengthDelimited);
                    output.WriteBytes(ByteString.CopyFromUtf8(s));
                }
                break;
        }
        WriteInt64(output, 20, Type);
    }
}
