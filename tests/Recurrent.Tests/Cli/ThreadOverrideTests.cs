using Recurrent.Backends.Cpu;
using Recurrent.Cli;

namespace Recurrent.Tests.Cli;

/// <summary>Commands touch the process-wide GEMM thread count only when --threads is given.</summary>
[Collection(GemmThreadsCollection.Name)] // sets the process-wide Gemm.MaxThreads
public class ThreadOverrideTests
{
    [Fact]
    public void WithoutThreads_NeverWritesTheGlobal_SoAChangeMadeMeanwhileSurvives()
    {
        int original = Gemm.MaxThreads;
        try
        {
            using (ThreadOverride.Apply(null))
                Gemm.MaxThreads = original + 1; // someone else changes it while the command runs
            Assert.Equal(original + 1, Gemm.MaxThreads);
        }
        finally
        {
            Gemm.MaxThreads = original;
        }
    }

    [Fact]
    public void WithThreads_AppliesThenRestores()
    {
        int original = Gemm.MaxThreads;
        using (ThreadOverride.Apply(original + 2))
            Assert.Equal(original + 2, Gemm.MaxThreads);
        Assert.Equal(original, Gemm.MaxThreads);
    }
}
