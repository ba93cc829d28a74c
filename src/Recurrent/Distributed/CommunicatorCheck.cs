using System.Diagnostics;

namespace Recurrent.Distributed;

/// <summary>
/// Checks a communicator end to end and times its allreduce, e.g. on a new hostfile before a long run. Every rank
/// must call <see cref="Run"/> with the same arguments.
/// </summary>
/// <remarks>
/// The sums are exact: rank r contributes (r + 1) · (i mod 7 + 1) at index i, small integers that float32 adds without
/// rounding, so every rank must find N(N + 1)/2 · (i mod 7 + 1). The broadcast sends rank 0's byte pattern i mod 251.
/// The bus bandwidth is the ring allreduce's traffic per rank over the time, 2(N − 1)/N · bytes / t, the figure that
/// compares with a link's speed (NCCL's convention).
/// </remarks>
public static class CommunicatorCheck
{
    /// <summary>Runs the checks on <paramref name="floats"/> elements, timing <paramref name="repeats"/>
    /// allreduces after one warm-up.</summary>
    public static CommunicatorCheckReport Run(ICommunicator communicator, int floats, int repeats)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        ArgumentOutOfRangeException.ThrowIfLessThan(floats, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        int n = communicator.Size, rank = communicator.Rank;
        var values = new float[floats];
        for (int i = 0; i < floats; i++) values[i] = (rank + 1) * (i % 7 + 1);
        communicator.AllReduceSum(values);
        float total = n * (n + 1) / 2f;
        int wrongSums = 0;
        for (int i = 0; i < floats; i++) if (values[i] != total * (i % 7 + 1)) wrongSums++;

        var bytes = new byte[Math.Min(floats, 1 << 20)];
        if (rank == 0) for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i % 251);
        communicator.Broadcast(bytes, root: 0);
        int wrongBytes = 0;
        for (int i = 0; i < bytes.Length; i++) if (bytes[i] != (byte)(i % 251)) wrongBytes++;

        // The slowest rank sets the pace, so time between barriers and take rank 0's clock.
        communicator.Barrier();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < repeats; i++) communicator.AllReduceSum(values);
        communicator.Barrier();
        double seconds = clock.Elapsed.TotalSeconds / repeats;
        double busBytesPerSecond = n > 1 ? 2.0 * (n - 1) / n * floats * sizeof(float) / seconds : double.NaN;

        // Every rank learns whether any rank saw a wrong value.
        Span<double> wrong = [wrongSums, wrongBytes];
        communicator.AllReduceSum(wrong);
        return new CommunicatorCheckReport(n, rank, floats, (long)wrong[0], (long)wrong[1], seconds,
            busBytesPerSecond);
    }
}
