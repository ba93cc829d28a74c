using Recurrent.Backends.Cpu;
using Recurrent.Distributed;

namespace Recurrent.Tests.Distributed;

/// <summary>
/// N ranks as N threads of this process, for tests of the data-parallel maths that need no Open MPI: every
/// collective meets at a <see cref="Barrier"/>, and a sum adds the ranks' buffers in rank order, so every rank gets
/// the same numbers (as MPI's do). Each rank's matrix products stay on its own thread (LimitThreads(1)).
/// </summary>
internal sealed class ThreadGroup
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1); // a rank that never comes fails the test
    private readonly Barrier _barrier;
    private readonly Array?[] _slots;

    private ThreadGroup(int size)
    {
        _barrier = new Barrier(size);
        _slots = new Array?[size];
    }

    /// <summary>Runs <paramref name="body"/> on <paramref name="size"/> ranks at once; returns their results by
    /// rank, or throws the first rank's exception.</summary>
    public static T[] Run<T>(int size, Func<ICommunicator, T> body)
    {
        var group = new ThreadGroup(size);
        var results = new T[size];
        var failures = new Exception?[size];
        var threads = Enumerable.Range(0, size).Select(rank => new Thread(() =>
        {
            try
            {
                using (CpuBackend.LimitThreads(1)) results[rank] = body(new Member(group, rank, size));
            }
            catch (Exception e)
            {
                failures[rank] = e;
            }
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        if (failures.FirstOrDefault(f => f is not null) is { } failure) throw new AggregateException(failure);
        return results;
    }

    private void Meet()
    {
        if (!_barrier.SignalAndWait(Patience)) throw new TimeoutException("a rank did not reach the collective");
    }

    private sealed class Member(ThreadGroup group, int rank, int size) : ICommunicator
    {
        public int Rank => rank;

        public int Size => size;

        public void AllReduceSum(Span<float> values)
        {
            group._slots[rank] = values.ToArray();
            group.Meet();
            for (int i = 0; i < values.Length; i++)
            {
                float sum = 0;
                for (int r = 0; r < size; r++) sum += ((float[])group._slots[r]!)[i];
                values[i] = sum;
            }
            group.Meet(); // nobody writes its slot again before all have read
        }

        public void AllReduceSum(Span<double> values)
        {
            group._slots[rank] = values.ToArray();
            group.Meet();
            for (int i = 0; i < values.Length; i++)
            {
                double sum = 0;
                for (int r = 0; r < size; r++) sum += ((double[])group._slots[r]!)[i];
                values[i] = sum;
            }
            group.Meet();
        }

        public void Broadcast(Span<float> values, int root)
        {
            if (rank == root) group._slots[root] = values.ToArray();
            group.Meet();
            if (rank != root) ((float[])group._slots[root]!).CopyTo(values);
            group.Meet();
        }

        public void Broadcast(Span<byte> values, int root)
        {
            if (rank == root) group._slots[root] = values.ToArray();
            group.Meet();
            if (rank != root) ((byte[])group._slots[root]!).CopyTo(values);
            group.Meet();
        }

        public void Barrier() => group.Meet();

        public void Abort(int errorCode) => throw new InvalidOperationException($"rank {rank} aborted ({errorCode})");
    }
}
