namespace Recurrent.Backends.Cpu;

/// <summary>The vector width the CPU backend's kernels run at (<see cref="CpuBackend.InstructionSet"/>).</summary>
public enum CpuInstructionSet
{
    /// <summary>128-bit vectors through System.Runtime.Intrinsics' portable API (SSE2, Arm NEON), or scalar code for
    /// element types without vectors: runs anywhere.</summary>
    Portable,

    /// <summary>256-bit AVX2 with FMA.</summary>
    Avx2,

    /// <summary>512-bit AVX-512F (with AVX2/FMA for what has no 512-bit kernel).</summary>
    Avx512,
}
