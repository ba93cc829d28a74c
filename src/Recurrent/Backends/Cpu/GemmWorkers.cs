namespace Recurrent.Backends.Cpu;

/// <summary>
/// A few persistent threads that run the parts of one GEMM beside the caller. The RNN time loop calls mid-sized
/// products thousands of times, and a round trip here (measured on 2 cores: 0.5 µs back to back, about 10 µs after
/// 1 ms idle) is cheaper than <c>Parallel.For</c> (2.2 µs and 22 µs).
/// </summary>
/// <remarks>
/// One parallel GEMM runs at a time. A caller that finds the workers busy (another thread's GEMM) runs all its
/// parts itself: the result is the same, and nothing waits on a lock. A job may itself call GEMM (the recurrent layer
/// runs whole time loops as parts): such nested calls run on their own thread (<see cref="InsideJob"/>), since the
/// workers are busy with the outer job and the caller, which holds the re-entrant gate, must not hand them more.
/// Parts are claimed, not assigned: the caller and the woken workers each take the next unclaimed part until none is
/// left, so a worker that wakes late (on the 2-vCPU benchmark machine one is now and then held off its CPU for
/// 0.1–3 ms) finds its part already run by the caller, instead of the caller waiting for it to wake and run it. Each
/// part runs once, on one thread, and computes the same values wherever it runs.
/// </remarks>
internal static class GemmWorkers
{
    // Spins before a worker parks: covers the gap between back-to-back calls of a time loop without holding a
    // core for long when no GEMM follows.
    private const int SpinCount = 2000;

    private static readonly object Gate = new();
    private static readonly ManualResetEventSlim Done = new(false, SpinCount);
    private static Worker[] workers = [];
    private static IGemmJob? current;   // the job whose parts are being claimed
    private static int currentParts;
    // (generation << 32) | parts claimed so far, in one word: a claim is one compare-and-swap, and a worker that wakes
    // after its job is over cannot claim a part of the next one under the old generation.
    private static long claims;
    private static int unfinished;      // parts of the current job not yet completed
    private static Exception? failure;
    [ThreadStatic] private static bool insideJob;

    /// <summary>True on a thread running a part of a job: a parallel call there would only queue behind its own job.</summary>
    public static bool InsideJob => insideJob;

    /// <summary>
    /// [start, end) of part <paramref name="part"/> of <paramref name="parts"/> when <paramref name="count"/> items are
    /// shared as evenly as whole groups of <paramref name="granule"/> allow (a vector width, a kernel sliver): every
    /// start is a multiple of the granule, the parts cover [0, count) in order, and the last one takes the tail.
    /// </summary>
    public static (int Start, int End) Share(int count, int parts, int part, int granule = 1)
    {
        int groups = (count + granule - 1) / granule;
        return (Math.Min(count, (int)((long)groups * part / parts) * granule),
            Math.Min(count, (int)((long)groups * (part + 1) / parts) * granule));
    }

    /// <summary>
    /// How many parts to split <paramref name="work"/> items into: one per <paramref name="minPerPart"/> of them, at most
    /// <see cref="Gemm.MaxThreads"/> and at most <paramref name="units"/> (the pieces that cannot be cut further), at
    /// least one. Below <paramref name="minPerPart"/> items a second thread's wake-up costs more than it saves.
    /// </summary>
    public static int PartsFor(long work, long minPerPart, long units = int.MaxValue) =>
        (int)Math.Max(1, Math.Min(work / minPerPart, Math.Min(Gemm.MaxThreads, units)));

    /// <summary>
    /// Runs parts 0..parts-1 of <paramref name="job"/>, each once, on the calling thread and up to parts − 1 workers,
    /// and returns when all are done.
    /// </summary>
    public static void Run(IGemmJob job, int parts)
    {
        if (parts <= 1 || insideJob || !Monitor.TryEnter(Gate))
        {
            for (int part = 0; part < parts; part++) job.Execute(part);
            return;
        }
        try
        {
            EnsureWorkers(parts - 1);
            failure = null;
            current = job;
            currentParts = parts;
            unfinished = parts;
            Done.Reset();
            long generation = (claims >> 32) + 1;
            Volatile.Write(ref claims, generation << 32); // publishes the fields above to the workers that read it
            for (int w = 0; w < parts - 1; w++) workers[w].Wake();
            try
            {
                insideJob = true;
                RunParts(generation);
            }
            finally
            {
                insideJob = false;
            }
            // Wait even after a failure here: returning would let the next call reuse a job a worker still runs.
            Done.Wait();
            current = null;
            if (failure is Exception error) throw new AggregateException("a GEMM part failed", error);
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    /// <summary>Claims and runs parts of the job of <paramref name="generation"/> until none is left unclaimed.</summary>
    private static void RunParts(long generation)
    {
        while (true)
        {
            long state = Volatile.Read(ref claims);
            int part = (int)state;
            // While one of its parts is unclaimed the job is in progress, so currentParts and current are its own.
            if (state >> 32 != generation || part >= currentParts) return;
            if (Interlocked.CompareExchange(ref claims, state + 1, state) != state) continue;
            try
            {
                current!.Execute(part);
            }
            catch (Exception e)
            {
                failure = e;
            }
            if (Interlocked.Decrement(ref unfinished) == 0) Done.Set();
        }
    }

    private static void EnsureWorkers(int count)
    {
        if (workers.Length >= count) return;
        var grown = new Worker[count];
        Array.Copy(workers, grown, workers.Length);
        for (int w = workers.Length; w < count; w++) grown[w] = new Worker(w + 1);
        workers = grown;
    }

    private sealed class Worker
    {
        private readonly ManualResetEventSlim wake = new(false, SpinCount);

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Recurrent GEMM worker {index}" };
            thread.Start();
        }

        public void Wake() => wake.Set();

        private void Loop()
        {
            insideJob = true; // a worker only ever runs parts of jobs
            while (true)
            {
                wake.Wait();
                // Reset before reading the claims: a job published after this sets the event again, so none is missed.
                wake.Reset();
                RunParts(Volatile.Read(ref claims) >> 32);
            }
        }
    }
}
