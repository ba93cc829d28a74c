namespace Recurrent.Tests.Support;

/// <summary>An IProgress that calls back at once on the reporting thread (System.Progress posts to the thread
/// pool).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
