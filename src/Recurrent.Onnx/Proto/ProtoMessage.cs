using Google.Protobuf;

namespace Recurrent.Onnx.Proto;

/// <summary>
/// One message of onnx.proto (proto2 syntax), written field by field with Google.Protobuf's
/// <see cref="CodedOutputStream"/>. Only the fields the exporter needs exist; field numbers and wire types are those of
/// the ONNX specification (onnx/onnx.proto), cited on each message. Repeated scalars are written unpacked, as proto2
/// declares them; readers accept either form.
/// </summary>
internal abstract class ProtoMessage
{
    /// <summary>Writes the fields (no length prefix: that belongs to the enclosing message).</summary>
    public abstract void WriteTo(CodedOutputStream output);

    /// <summary>The message as bytes: the content of a .onnx file for a <see cref="ModelProto"/>.</summary>
    public byte[] ToByteArray()
    {
        using var stream = new MemoryStream();
        using (var output = new CodedOutputStream(stream, leaveOpen: true)) WriteTo(output);
        return stream.ToArray();
    }

    /// <summary>A nested message: tag, length, bytes.</summary>
    protected static void WriteMessage(CodedOutputStream output, int field, ProtoMessage message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message.ToByteArray()));
    }

    /// <summary>A string field; proto2 optional, so an empty string is left out.</summary>
    protected static void WriteString(CodedOutputStream output, int field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    /// <summary>A string field written even when empty (a node's omitted optional input is the name "").</summary>
    protected static void WriteStringAlways(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    /// <summary>An int64 (or int32, enum) field as a varint.</summary>
    protected static void WriteInt64(CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }
}
