using System.Runtime.InteropServices;
using Google.Protobuf;

namespace Recurrent.Onnx.Proto;

/// <summary>
/// onnx.TensorProto: dims = 1 (int64, outermost first), data_type = 2 (<see cref="OnnxDataType"/>), name = 8,
/// raw_data = 9 (the values in row-major order as little-endian bytes, the fixed-width encoding of the element
/// type). A tensor with no dims is a scalar.
/// </summary>
internal sealed class TensorProto : ProtoMessage
{
    private readonly byte[] _raw;

    private TensorProto(string name, long[] dims, OnnxDataType type, byte[] raw) =>
        (Name, Dims, DataType, _raw) = (name, dims, type, raw);

    public string Name { get; }
    public long[] Dims { get; }
    public OnnxDataType DataType { get; }

    /// <summary>A float tensor; <paramref name="values"/> has the product of the dims.</summary>
    public static TensorProto Floats(string name, long[] dims, ReadOnlySpan<float> values) =>
        new(name, Checked(dims, values.Length), OnnxDataType.Float, LittleEndian(values));

    /// <summary>An int64 tensor.</summary>
    public static TensorProto Int64s(string name, long[] dims, ReadOnlySpan<long> values) =>
        new(name, Checked(dims, values.Length), OnnxDataType.Int64, LittleEndian(values));

    public override void WriteTo(CodedOutputStream output)
    {
        foreach (long d in Dims) WriteInt64(output, 1, d);
        WriteInt64(output, 2, (int)DataType);
        WriteString(output, 8, Name);
        output.WriteTag(9, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(_raw));
    }

    private static long[] Checked(long[] dims, int count)
    {
        long product = 1;
        foreach (long d in dims) product *= d;
        if (product != count)
            throw new ArgumentException($"tensor of dims [{string.Join(", ", dims)}] needs {product} values, " +
                $"got {count}");
        return dims;
    }

    private static byte[] LittleEndian<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        // raw_data is little-endian by the specification; so is every platform .NET runs this library on.
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX export needs little-endian");
        return MemoryMarshal.AsBytes(values).ToArray();
    }
}
