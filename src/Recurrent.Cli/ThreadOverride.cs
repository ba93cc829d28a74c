using Recurrent.Backends.Cpu;

namespace Recurrent.Cli;

/// <summary>
/// Applies a command's --threads to the command's own flow (<see cref="CpuBackend.LimitThreads"/>) for the duration of
/// the command, only when --threads was given; the process-wide setting is never written, so nothing else is undone.
/// </summary>
public sealed class ThreadOverride : IDisposable
{
    private readonly IDisposable? _scope;

    private ThreadOverride(int? threads) => _scope = threads is int t ? CpuBackend.LimitThreads(t) : null;

    /// <summary>Limits the command's thread count to <paramref name="threads"/> if given; dispose to end the
    /// limit.</summary>
    public static ThreadOverride Apply(int? threads) => new(threads);

    /// <inheritdoc/>
    public void Dispose() => _scope?.Dispose();
}
