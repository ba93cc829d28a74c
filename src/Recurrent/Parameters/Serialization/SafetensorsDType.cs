namespace Recurrent.Parameters.Serialization;

/// <summary>
/// Element types a safetensors file may declare that this library reads (all of them, converting) or writes
/// (<see cref="F64"/>, <see cref="F32"/>, <see cref="F16"/>). Names match the format's "dtype" strings.
/// </summary>
public enum SafetensorsDType
{
    /// <summary>IEEE 754 double, 8 bytes.</summary>
    F64,

    /// <summary>IEEE 754 single, 4 bytes.</summary>
    F32,

    /// <summary>IEEE 754 half, 2 bytes.</summary>
    F16,

    /// <summary>bfloat16 (the upper half of a single), 2 bytes.</summary>
    BF16,

    /// <summary>Signed 64-bit integer (PyTorch's default for integer tensors such as sequence lengths).</summary>
    I64,

    /// <summary>Signed 32-bit integer.</summary>
    I32,
}
