using Recurrent.Backends.Cpu;

namespace Recurrent.Cli;

/// <summary>
/// Applies a command's --threads to <see cref="CpuBackend.MaxThreads"/> for the duration of the command, and restores it
/// afterwards — only when --threads was given. A command without the option must not write the process-wide
/// setting at all: restoring a value read earlier would undo a change made meanwhile by other code.
/// </summary>
public sealed class ThreadOverride : IDisposable
{
    private readonly int? _previous;

    private ThreadOverride(int? threads)
    {
        if (threads is not int t) return;
        _previous = CpuBackend.MaxThreads;
        CpuBackend.MaxThreads = t;
    }

    /// <summary>Sets the GEMM's thread count to <paramref name="threads"/> if given; dispose to restore it.</summary>
    public static ThreadOverride Apply(int? threads) => new(threads);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_previous is int previous) CpuBackend.MaxThreads = previous;
    }
}
