namespace Recurrent.Backends.Cpu;

/// <summary>The micro-kernel a product runs on: <see cref="Gemm"/> picks it per element type and machine, and a
/// <see cref="PackedMatrix{T}"/> records it, since each kernel has its own packed layout.</summary>
internal enum GemmKernel
{
    /// <summary><see cref="PortableKernel{T}"/>: any T, 128-bit vectors.</summary>
    Portable,

    /// <summary><see cref="Avx2SingleKernel"/>: float, 6×16.</summary>
    Avx2Single,

    /// <summary><see cref="Avx512SingleKernel"/>: float, 6×32.</summary>
    Avx512Single,

    /// <summary><see cref="Avx2DoubleKernel"/>: double, 6×8.</summary>
    Avx2Double,
}
