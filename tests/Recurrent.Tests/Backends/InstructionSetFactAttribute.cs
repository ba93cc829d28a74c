namespace Recurrent.Tests.Backends;

using Recurrent.Backends.Cpu;

/// <summary>A test of the kernels of one instruction set; skipped, saying why, on a CPU that lacks it.</summary>
public sealed class InstructionSetFactAttribute : FactAttribute
{
    public InstructionSetFactAttribute(CpuInstructionSet instructionSet)
    {
        if (instructionSet > CpuBackend.SupportedInstructionSet)
            Skip = $"this CPU has no {instructionSet} (it offers up to {CpuBackend.SupportedInstructionSet}): " +
                "its kernels cannot run here";
    }
}
