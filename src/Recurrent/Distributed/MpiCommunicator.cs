namespace Recurrent.Distributed;

/// <summary>
/// <see cref="ICommunicator"/> over Open MPI's MPI_COMM_WORLD, for processes started by <c>mpirun -np N</c>. Creating
/// one loads libmpi and calls MPI_Init; disposing it calls MPI_Finalize. MPI allows one Init per process, so a
/// process holds at most one communicator in its life. Nothing here is touched unless a caller asks for distributed
/// training: the single-process path never loads libmpi.
/// </summary>
/// <remarks>
/// Buffers longer than <see cref="int.MaxValue"/> elements (MPI's int counts) are sent in pieces. Errors: Open MPI's
/// default handler (MPI_ERRORS_ARE_FATAL) ends the job on a failed call; a rank that dies makes <c>mpirun</c> end the
/// others and name the rank.
/// </remarks>
public sealed unsafe class MpiCommunicator : ICommunicator, IDisposable
{
    private static int _initialized;
    private readonly MpiLibrary _mpi;
    private bool _disposed;

    private MpiCommunicator(MpiLibrary mpi, int rank, int size)
    {
        _mpi = mpi;
        Rank = rank;
        Size = size;
    }

    /// <inheritdoc/>
    public int Rank { get; }

    /// <inheritdoc/>
    public int Size { get; }

    /// <summary>
    /// True when this process was started by Open MPI's <c>mpirun</c> (it sets OMPI_COMM_WORLD_SIZE), read from the
    /// environment without loading libmpi.
    /// </summary>
    public static bool LaunchedByMpirun =>
        Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is { Length: > 0 };

    /// <summary>Loads libmpi, calls MPI_Init and reads this process's rank and the group's size.</summary>
    /// <exception cref="DllNotFoundException">Open MPI is not installed.</exception>
    /// <exception cref="InvalidOperationException">MPI was already initialised in this process.</exception>
    public static MpiCommunicator Initialize()
    {
        var mpi = MpiLibrary.Load();
        if (Interlocked.Exchange(ref _initialized, 1) == 1)
            throw new InvalidOperationException("MPI can be initialised once per process, and already was");
        int flag;
        MpiLibrary.Check(mpi.Initialized(&flag), "MPI_Initialized");
        if (flag == 0) MpiLibrary.Check(mpi.Init(null, null), "MPI_Init");
        int rank, size;
        MpiLibrary.Check(mpi.CommRank(mpi.CommWorld, &rank), "MPI_Comm_rank");
        MpiLibrary.Check(mpi.CommSize(mpi.CommWorld, &size), "MPI_Comm_size");
        return new MpiCommunicator(mpi, rank, size);
    }

    /// <inheritdoc/>
    public void AllReduceSum(Span<float> values)
    {
        fixed (float* p = values) AllReduceSum(p, values.Length, _mpi.Float);
    }

    /// <inheritdoc/>
    public void AllReduceSum(Span<double> values)
    {
        fixed (double* p = values) AllReduceSum(p, values.Length, _mpi.Double);
    }

    /// <inheritdoc/>
    public void Broadcast(Span<float> values, int root)
    {
        fixed (float* p = values) Broadcast(p, values.Length, _mpi.Float, root);
    }

    /// <inheritdoc/>
    public void Broadcast(Span<byte> values, int root)
    {
        fixed (byte* p = values) Broadcast(p, values.Length, _mpi.Byte, root);
    }

    // A span's length is an int, MPI's count too: one call carries any span.
    private void AllReduceSum(void* values, int count, nint type)
    {
        ThrowIfDisposed();
        MpiLibrary.Check(_mpi.Allreduce(MpiLibrary.InPlace, values, count, type, _mpi.Sum, _mpi.CommWorld),
            "MPI_Allreduce");
    }

    private void Broadcast(void* values, int count, nint type, int root)
    {
        ThrowIfDisposed();
        CheckRoot(root);
        MpiLibrary.Check(_mpi.Bcast(values, count, type, root, _mpi.CommWorld), "MPI_Bcast");
    }

    /// <inheritdoc/>
    public void Barrier()
    {
        ThrowIfDisposed();
        MpiLibrary.Check(_mpi.Barrier(_mpi.CommWorld), "MPI_Barrier");
    }

    /// <inheritdoc/>
    public void Abort(int errorCode)
    {
        _mpi.Abort(_mpi.CommWorld, errorCode);
        Environment.Exit(errorCode); // MPI_Abort does not return; should it, leave all the same
    }

    /// <summary>Calls MPI_Finalize (every rank must), after which no MPI call may be made in this process.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        int flag;
        MpiLibrary.Check(_mpi.Finalized(&flag), "MPI_Finalized");
        if (flag == 0) MpiLibrary.Check(_mpi.Finalize(), "MPI_Finalize");
    }

    private void CheckRoot(int root)
    {
        if (root < 0 || root >= Size)
            throw new ArgumentOutOfRangeException(nameof(root), $"root must be a rank in [0, {Size}), got {root}");
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
