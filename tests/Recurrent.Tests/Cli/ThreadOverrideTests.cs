using Recurrent.Backends.Cpu;
using Recurrent.Cli;

namespace Recurrent.Tests.Cli;

/// <summary>
/// A command's --threads limits the command's own flow only: the process-wide thread count is never written, and a
/// limit set on another thread does not leak into this one.
/// </summary>
public class ThreadOverrideTests
{
    [Fact]
    public void WithoutThreads_ChangesNothing()
    {
        int before = CpuBackend.MaxThreads;
        using (ThreadOverride.Apply(null))
            Assert.Equal(before, CpuBackend.MaxThreads);
        Assert.Equal(before, CpuBackend.MaxThreads);
    }

    [Fact]
    public void WithThreads_LimitsThisFlow_ThenEnds_AndNeverTouchesTheDefault()
    {
        int defaults = WorkerPool.DefaultThreads;
        using (ThreadOverride.Apply(7))
        {
            Assert.Equal(7, CpuBackend.MaxThreads);
            Assert.Equal(defaults, WorkerPool.DefaultThreads);
            int elsewhere = 0;
            var other = new Thread(() => elsewhere = CpuBackend.MaxThreads); // a thread of its own flow
            other.UnsafeStart();
            other.Join();
            Assert.Equal(defaults, elsewhere);
        }
        Assert.Equal(defaults, CpuBackend.MaxThreads);
    }

    [Fact]
    public void Limits_Nest_AndEachEndRestoresTheOneBefore()
    {
        using (CpuBackend.LimitThreads(3))
        {
            using (CpuBackend.LimitThreads(1))
                Assert.Equal(1, CpuBackend.MaxThreads);
            Assert.Equal(3, CpuBackend.MaxThreads);
        }
        Assert.Equal(WorkerPool.DefaultThreads, CpuBackend.MaxThreads);
    }
}
