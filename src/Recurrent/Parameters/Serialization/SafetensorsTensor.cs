using System.Buffers.Binary;

namespace Recurrent.Parameters.Serialization;

/// <summary>
/// One named tensor of a safetensors file: dtype, shape and its raw little-endian bytes. Tensors read from a file
/// share the file's buffer; <see cref="CopyTo{T}"/> converts from any readable dtype to float or double.
/// </summary>
public sealed class SafetensorsTensor
{
    private readonly int[] _shape;

    /// <summary>Wraps raw bytes; <paramref name="data"/> must hold exactly volume(shape)·size(dtype) bytes.</summary>
    public SafetensorsTensor(string name, SafetensorsDType dtype, int[] shape, ReadOnlyMemory<byte> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        long expected = (long)ShapeText.Volume(shape) * dtype.Size();
        if (data.Length != expected)
            throw new ArgumentException(
                $"tensor '{name}': shape {ShapeText.Format(shape)} of {dtype} needs {expected} bytes, got " +
                    $"{data.Length}", nameof(data));
        Name = name;
        DType = dtype;
        _shape = (int[])shape.Clone();
        Data = data;
    }

    /// <summary>Name in the file, e.g. "weight_ih_l0".</summary>
    public string Name { get; }

    /// <summary>Element type in the file.</summary>
    public SafetensorsDType DType { get; }

    /// <summary>A copy of the shape; () is a scalar of one element.</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>Number of elements.</summary>
    public int ElementCount => ShapeText.Volume(_shape);

    /// <summary>The raw little-endian bytes.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    // RS0026 guards against adding an optional parameter to a shipped overload set; these two overloads differ in their
    // required parameters (values and shape, or a tensor) and were recorded together, so the optional dtype is safe.
#pragma warning disable RS0026
    /// <summary>Encodes <paramref name="values"/> as a tensor of <paramref name="dtype"/> (F64, F32 or F16; default:
    /// lossless for T).</summary>
    public static SafetensorsTensor From<T>(string name, ReadOnlySpan<T> values, int[] shape,
        SafetensorsDType? dtype = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var type = dtype ?? SafetensorsDTypes.For<T>();
        if (!type.IsWritable())
            throw new ArgumentException($"tensor '{name}': cannot write dtype {type}; expected F64, F32 or F16",
                nameof(dtype));
        int count = ShapeText.Volume(shape);
        if (values.Length != count)
            throw new ArgumentException(
                $"tensor '{name}': expected {count} values for shape {ShapeText.Format(shape)}, got {values.Length}",
                    nameof(values));
        var bytes = new byte[count * type.Size()];
        var span = bytes.AsSpan();
        for (int i = 0; i < count; i++)
        {
            switch (type)
            {
                case SafetensorsDType.F64: BinaryPrimitives.WriteDoubleLittleEndian(span[(8 * i)..],
                    double.CreateTruncating(values[i])); break;
                case SafetensorsDType.F32: BinaryPrimitives.WriteSingleLittleEndian(span[(4 * i)..],
                    float.CreateTruncating(values[i])); break;
                default: BinaryPrimitives.WriteHalfLittleEndian(span[(2 * i)..],
                    Half.CreateTruncating(values[i])); break;
            }
        }
        return new SafetensorsTensor(name, type, shape, bytes);
    }

    /// <summary>Encodes a tensor's values under its own shape.</summary>
    public static SafetensorsTensor From<T>(string name, Tensor<T> tensor, SafetensorsDType? dtype = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return From<T>(name, tensor.Span, tensor.Shape, dtype);
    }
#pragma warning restore RS0026

    /// <summary>
    /// Decodes every element into <paramref name="destination"/> (length must equal <see cref="ElementCount"/>),
    /// rounding to T where the file is wider (F64 into float) and exact otherwise.
    /// </summary>
    public void CopyTo<T>(Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = ElementCount;
        if (destination.Length != count)
            throw new ArgumentException(
                $"tensor '{Name}' {ShapeText.Format(_shape)} has {count} elements, the destination holds " +
                    $"{destination.Length}", nameof(destination));
        var src = Data.Span;
        for (int i = 0; i < count; i++)
        {
            destination[i] = DType switch
            {
                SafetensorsDType.F64 => T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(src[(8 * i)..])),
                SafetensorsDType.F32 => T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(src[(4 * i)..])),
                SafetensorsDType.F16 => T.CreateTruncating(BinaryPrimitives.ReadHalfLittleEndian(src[(2 * i)..])),
                // bfloat16 is the upper 16 bits of a single, so widening is a shift.
                SafetensorsDType.BF16 =>
                    T.CreateTruncating(
                    BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(src[(2 * i)..]) << 16)),
                SafetensorsDType.I64 => T.CreateTruncating(BinaryPrimitives.ReadInt64LittleEndian(src[(8 * i)..])),
                _ => T.CreateTruncating(BinaryPrimitives.ReadInt32LittleEndian(src[(4 * i)..])),
            };
        }
    }

    /// <summary>The elements decoded to T, in row-major order.</summary>
    public T[] ToArray<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new T[ElementCount];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>The elements decoded to a new tensor of the same shape.</summary>
    public Tensor<T> ToTensor<T>() where T : unmanaged, IFloatingPointIeee754<T> => new(ToArray<T>(), 0, _shape);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {DType} {ShapeText.Format(_shape)}";
}
