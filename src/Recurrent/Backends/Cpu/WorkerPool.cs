namespace Recurrent.Backends.Cpu;

/// <summary>
/// The CPU backend's worker threads: a few persistent threads that run the parts of one parallel job (a GEMM, a time
/// loop over row ranges, an element-wise pass) beside the caller, and the thread count jobs split by. The time loop
/// calls mid-sized products thousands of times, and a round trip here is several times cheaper than
/// <c>Parallel.For</c>'s (measured in docs/benchmarks.md).
/// </summary>
/// <remarks>
/// One parallel GEMM runs at a time. A caller that finds the workers busy (another thread's GEMM) runs all its
/// parts itself: the result is the same, and nothing waits on a lock. A job may itself call GEMM (the recurrent layer
/// runs whole time loops as parts): such nested calls run on their own thread (<see cref="InsideJob"/>), since the
/// workers are busy with the outer job and the caller, which holds the re-entrant gate, must not hand them more.
/// Parts are claimed, not assigned: the caller and the woken workers each take the next unclaimed part until none is
/// left, so a worker that wakes late (a vCPU is now and then held off its CPU) finds its part already run by the
/// caller, instead of the caller waiting for it to wake and run it. Each part runs once, on one thread, and computes
/// the same values wherever it runs.
/// <see cref="MaxThreads"/> is the process-wide default unless the calling flow has its own limit
/// (<see cref="Limit"/>), so tests and commands that want a thread count set it for themselves without a global.
/// </remarks>
internal static class WorkerPool
{
    // Spins before a worker parks: covers the gap between back-to-back calls of a time loop without holding a
    // core for long when no GEMM follows.
    private const int SpinCount = 2000;

    private static readonly object Gate = new();
    private static readonly ManualResetEventSlim Done = new(false, SpinCount);
    private static Worker[] workers = [];
    private static IParallelJob? current;   // the job whose parts are being claimed
    private static int currentParts;
    // (generation << 32) | parts claimed so far, in one word: a claim is one compare-and-swap, and a worker that wakes
    // after its job is over cannot claim a part of the next one under the old generation.
    private static long claims;
    private static int unfinished;      // parts of the current job not yet completed
    private static Exception? failure;
    [ThreadStatic] private static bool insideJob;
    private static int defaultThreads = Environment.ProcessorCount;
    private static readonly AsyncLocal<int> FlowThreads = new(); // 0: no limit of the calling flow's own

    /// <summary>
    /// Most threads a job may use here: the calling flow's limit (<see cref="Limit"/>) when it has one, else the
    /// process-wide <see cref="DefaultThreads"/>.
    /// </summary>
    public static int MaxThreads => FlowThreads.Value is > 0 and int limit ? limit : defaultThreads;

    /// <summary>The process-wide thread count (default: all logical processors).</summary>
    public static int DefaultThreads
    {
        get => defaultThreads;
        set => defaultThreads = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "the CPU backend needs at least one thread");
    }

    /// <summary>
    /// Limits the calling flow (this thread and the async work it starts) to <paramref name="threads"/> threads until
    /// the returned scope is disposed, which restores the limit before it; other flows keep theirs.
    /// </summary>
    public static IDisposable Limit(int threads)
    {
        if (threads < 1)
            throw new ArgumentOutOfRangeException(nameof(threads), threads,
                "the CPU backend needs at least one thread");
        var scope = new LimitScope(FlowThreads.Value);
        FlowThreads.Value = threads;
        return scope;
    }

    private sealed class LimitScope(int previous) : IDisposable
    {
        public void Dispose() => FlowThreads.Value = previous;
    }

    /// <summary>True on a thread running a part of a job: a parallel call there would only queue behind its own
    /// job.</summary>
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
    /// How many parts to split <paramref name="work"/> items into: one per <paramref name="minPerPart"/> of them, at
    /// most <see cref="MaxThreads"/> and at most <paramref name="units"/> (the pieces that cannot be cut further), at
    /// least one. Below <paramref name="minPerPart"/> items a second thread's wake-up costs more than it saves.
    /// </summary>
    public static int PartsFor(long work, long minPerPart, long units = int.MaxValue) =>
        (int)Math.Max(1, Math.Min(work / minPerPart, Math.Min(MaxThreads, units)));

    /// <summary>
    /// Runs parts 0..parts-1 of <paramref name="job"/>, each once, on the calling thread and up to parts − 1 workers,
    /// and returns when all are done.
    /// </summary>
    public static void Run(IParallelJob job, int parts)
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
            if (failure is Exception error) throw new AggregateException("a part of a parallel job failed", error);
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    /// <summary>Claims and runs parts of the job of <paramref name="generation"/> until none is left
    /// unclaimed.</summary>
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
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Recurrent worker {index}" };
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
