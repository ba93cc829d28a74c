namespace Recurrent.Backends.Cpu;

/// <summary>
/// Which instruction set the kernels use: the widest the machine offers (AVX-512 → AVX2 → portable), or a narrower
/// one asked for by the <c>RECURRENT_CPU_KERNELS</c> environment variable (<c>avx512</c>, <c>avx2</c>,
/// <c>portable</c>) or <see cref="CpuBackend.InstructionSet"/>: the older paths stay selectable, to compare speeds
/// and to run a machine's narrower kernels.
/// </summary>
internal static class KernelSelection
{
    /// <summary>The environment variable read once at start-up.</summary>
    public const string EnvironmentVariable = "RECURRENT_CPU_KERNELS";

    private static CpuInstructionSet _current = FromEnvironment();

    /// <summary>The widest instruction set this machine and runtime accelerate.</summary>
    public static CpuInstructionSet Best =>
        Avx512SingleKernel.IsSupported && Avx2SingleKernel.IsSupported ? CpuInstructionSet.Avx512
        : Avx2SingleKernel.IsSupported ? CpuInstructionSet.Avx2
        : CpuInstructionSet.Portable;

    /// <summary>Whether the machine runs <paramref name="set"/>'s kernels.</summary>
    public static bool IsSupported(CpuInstructionSet set) => set <= Best;

    /// <summary>The instruction set kernels use now: process-wide, read by every product and element-wise
    /// pass.</summary>
    public static CpuInstructionSet Current
    {
        get => _current;
        set
        {
            if (!Enum.IsDefined(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, "not a CPU instruction set");
            if (!IsSupported(value))
                throw new ArgumentException($"this CPU does not run {Name(value)} kernels (it offers up to " +
                    $"{Name(Best)})", nameof(value));
            _current = value;
        }
    }

    /// <summary>Whether the 512-bit element-wise kernels run now.</summary>
    public static bool Wide => _current == CpuInstructionSet.Avx512;

    /// <summary>The lower-case name used by the environment variable and <c>recurrent bench</c>.</summary>
    public static string Name(CpuInstructionSet set) => set switch
    {
        CpuInstructionSet.Avx512 => "avx512",
        CpuInstructionSet.Avx2 => "avx2",
        _ => "portable",
    };

    /// <summary>Parses a name (<see cref="Name"/>); null when it is none of them.</summary>
    public static CpuInstructionSet? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "avx512" or "avx-512" => CpuInstructionSet.Avx512,
        "avx2" => CpuInstructionSet.Avx2,
        "portable" => CpuInstructionSet.Portable,
        _ => null,
    };

    // An unknown name or one the CPU lacks falls back to the best there is: a kernel choice must not stop a program
    // that would run correctly either way. `recurrent bench` names the kernel it ran, so a typo shows.
    private static CpuInstructionSet FromEnvironment()
    {
        CpuInstructionSet? asked = Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));
        return asked is { } set && IsSupported(set) ? set : Best;
    }
}
