namespace Recurrent.Parameters.Serialization;

/// <summary>Sizes and header names of <see cref="SafetensorsDType"/>, and the default dtype for a numeric
/// type.</summary>
public static class SafetensorsDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int Size(this SafetensorsDType dtype) => dtype switch
    {
        SafetensorsDType.F64 or SafetensorsDType.I64 => 8,
        SafetensorsDType.F32 or SafetensorsDType.I32 => 4,
        SafetensorsDType.F16 or SafetensorsDType.BF16 => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a safetensors dtype"),
    };

    /// <summary>The dtype string written in the header, e.g. "F32".</summary>
    public static string HeaderName(this SafetensorsDType dtype) => dtype.ToString();

    /// <summary>True when this library can write tensors of <paramref name="dtype"/>.</summary>
    public static bool IsWritable(this SafetensorsDType dtype) =>
        dtype is SafetensorsDType.F64 or SafetensorsDType.F32 or SafetensorsDType.F16;

    /// <summary>Parses a header dtype string; false for dtypes the format knows but we do not read (BOOL, U8, F8_E4M3,
    /// …).</summary>
    public static bool TryParse(string? name, out SafetensorsDType dtype)
    {
        // Enum.TryParse would also accept "1" or "f32"; the format's names are exact and upper case.
        foreach (var candidate in Enum.GetValues<SafetensorsDType>())
        {
            if (candidate.HeaderName() == name)
            {
                dtype = candidate;
                return true;
            }
        }
        dtype = default;
        return false;
    }

    /// <summary>The header names this library reads, for error messages.</summary>
    public static string Supported => string.Join(", ", Enum.GetValues<SafetensorsDType>().Select(d => d.HeaderName()));

    /// <summary>The dtype that stores <typeparamref name="T"/> without loss: F64 for double, F16 for Half, F32
    /// otherwise.</summary>
    public static SafetensorsDType For<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? SafetensorsDType.F64
        : typeof(T) == typeof(Half) ? SafetensorsDType.F16
        : SafetensorsDType.F32;
}
