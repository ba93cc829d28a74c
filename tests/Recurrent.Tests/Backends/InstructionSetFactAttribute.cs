namespace Recurrent.Tests.Backends;

using Recurrent.Backends.Cpu;

/// <summary>A test of the kernels of one instruction set; skipped, saying why, on a CPU that lacks it (or, with
/// <c>lacking</c>, a test of refusing it, skipped on a CPU that has it).</summary>
public sealed class InstructionSetFactAttribute : FactAttribute
{
    public InstructionSetFactAttribute(CpuInstructionSet instructionSet, bool lacking = false)
    {
        if (lacking && instructionSet <= CpuBackend.SupportedInstructionSet)
            Skip = $"this CPU runs {instructionSet}: there is no lack to refuse";
        else if (!lacking && instructionSet > CpuBackend.SupportedInstructionSet)
            Skip = $"this CPU has no {instructionSet} (it offers up to {CpuBackend.SupportedInstructionSet}): " +
                "its kernels cannot run here";
    }
}
