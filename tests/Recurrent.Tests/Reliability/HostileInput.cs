using System.Diagnostics;
using System.Security.Cryptography;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// Feeds one hostile input to a reader and holds it to the promise: it either reads the input or throws the
/// documented type (<see cref="InvalidDataException"/> unless the reader names another), within
/// <see cref="TimeLimit"/>, allocating at most <see cref="AllocationFactor"/> × the input's size plus
/// <see cref="AllocationSlack"/>. Anything else (another exception type, a hang, a runaway allocation) fails with the
/// input saved under <see cref="FailureDirectory"/>, to be kept as a regression fixture.
/// </summary>
internal sealed class HostileInput(string reader)
{
    /// <summary>Longest a single read may take (the "hangs past 1 s").</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(1);

    /// <summary>Allowed allocation per input byte: decoding to UTF-16 doubles text, numbers become floats in lists
    /// that grow by doubling, a model's weights get a gradient buffer beside them.</summary>
    public const long AllocationFactor = 64;

    /// <summary>Allocation allowed regardless of size: stream buffers, JSON documents, the first JIT of a path.
    /// A header claiming 10^12 elements would need terabytes, far beyond it.</summary>
    public const long AllocationSlack = 16 << 20;

    public static string FailureDirectory { get; } = Path.Combine(Path.GetTempPath(), "recurrent-fuzz-failures");

    private long _accepted, _refused, _maxTicks, _maxAllocated;

    /// <summary>Inputs read without error.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Inputs refused with the documented exception.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>The slowest read.</summary>
    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks));

    /// <summary>The largest allocation by one read, in bytes.</summary>
    public long MostAllocated => Interlocked.Read(ref _maxAllocated);

    /// <summary>Reads <paramref name="input"/> with <paramref name="read"/> and checks the outcome.</summary>
    public void Check(byte[] input, Action<byte[]> read, params Type[] alsoAllowed)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        Exception? error = null;
        try
        {
            read(input);
        }
        catch (Exception e)
        {
            error = e;
        }
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Max(ref _maxTicks, clock.Elapsed.Ticks);
        Max(ref _maxAllocated, allocated);

        if (error is not null && error is not InvalidDataException && !alsoAllowed.Any(t => t.IsInstanceOfType(error)))
            Fail(input, $"threw {error.GetType().Name} instead of InvalidDataException: {error}");
        if (error is not null && (error.Message.Contains('\n') || error.Message.Length == 0))
            Fail(input, $"the message is not one line: '{error.Message}'");
        if (clock.Elapsed > TimeLimit)
            Fail(input, $"took {clock.Elapsed.TotalMilliseconds:F0} ms, limit {TimeLimit.TotalMilliseconds} ms");
        long limit = AllocationFactor * input.Length + AllocationSlack;
        if (allocated > limit)
            Fail(input, $"allocated {allocated:N0} bytes for a {input.Length:N0}-byte input, limit {limit:N0}");
        if (error is null) Interlocked.Increment(ref _accepted);
        else Interlocked.Increment(ref _refused);
    }

    /// <summary>One line for the test output: cases, accepted, refused, slowest, most allocated.</summary>
    public string Summary() =>
        $"{reader}: {Accepted + Refused} inputs, {Accepted} read, {Refused} refused with a typed error, slowest " +
        $"{Slowest.TotalMilliseconds:F1} ms, most allocated {MostAllocated / 1024.0 / 1024.0:F2} MiB";

    private void Fail(byte[] input, string what)
    {
        Directory.CreateDirectory(FailureDirectory);
        string path = Path.Combine(FailureDirectory,
            $"{reader}-{Convert.ToHexStringLower(SHA256.HashData(input))[..12]}.bin");
        File.WriteAllBytes(path, input);
        throw new Xunit.Sdk.XunitException($"{reader}: a {input.Length}-byte input (saved as {path}) {what}");
    }

    private static void Max(ref long field, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref field)))
            if (Interlocked.CompareExchange(ref field, value, seen) == seen) break;
    }
}
