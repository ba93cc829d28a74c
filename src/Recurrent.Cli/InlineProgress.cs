namespace Recurrent.Cli;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls back on the reporting thread. System.Progress posts to the thread
/// pool, which would reorder lines and race the final output.
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc/>
    public void Report(T value) => report(value);
}
