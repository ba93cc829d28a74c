using System.Buffers.Binary;
using System.Text;

namespace Recurrent.Distributed;

/// <summary>
/// Data parallelism over a <see cref="ICommunicator"/>: each of the N ranks trains the same weights on its share of
/// the B streams of a batch, streams [r·B/N, (r + 1)·B/N), and the ranks agree on every step by summing gradients.
/// </summary>
/// <remarks>
/// Same maths as one process with B streams: the loss is the mean over the T·B predictions, C = (1/N) Σᵣ Cᵣ where Cᵣ
/// is rank r's mean over its T·B/N, so ∂C/∂θ = (1/N) Σᵣ ∂Cᵣ/∂θ: one in-place float32 allreduce (sum) of the flat
/// gradient buffer, then a scale by 1/N (exact when N is a power of two). Clipping, the divergence guard and the
/// optimizer then see the same gradient on every rank, so the weights stay equal without further exchange; only the
/// order of the sums differs from one process (≈ float32 rounding). The loss and the ranks' stop votes travel in a
/// second, 16-byte allreduce of doubles. The carried states (L, B, H) are kept per rank as (L, B/N, H) and assembled
/// for a checkpoint by an allreduce of zero-padded copies, so checkpoints are those of one process and resume on any
/// number of ranks that divides B.
/// </remarks>
internal sealed class DataParallel
{
    private readonly ICommunicator _communicator;
    private readonly double[] _scalars = new double[2];

    public DataParallel(ICommunicator communicator, int batchSize)
    {
        _communicator = communicator;
        int n = communicator.Size;
        if (batchSize % n != 0)
            throw new ArgumentException($"batch size {batchSize} is not a multiple of the {n} ranks: each rank " +
                $"takes B/N streams, so choose a batch size divisible by {n}");
        Batch = batchSize;
        LocalBatch = batchSize / n;
        FirstStream = communicator.Rank * LocalBatch;
    }

    /// <summary>For sequence batches (<see cref="Sequences.SequenceTrainer"/>): any batch size, since each batch is
    /// shared out as it comes (<see cref="Share"/>); <see cref="Batch"/> and the stream members are unused.</summary>
    public DataParallel(ICommunicator communicator)
    {
        _communicator = communicator;
    }

    public ICommunicator Communicator => _communicator;

    /// <summary>True on rank 0, which alone validates, writes files and reports progress.</summary>
    public bool IsRoot => _communicator.Rank == 0;

    /// <summary>B, all streams; B/N, this rank's; its first stream.</summary>
    public int Batch { get; }

    public int LocalBatch { get; }

    public int FirstStream { get; }

    /// <summary>Set before a step when this rank wants to stop (its minute budget is spent).</summary>
    public bool StopVote { get; set; }

    /// <summary>After a step: some rank voted to stop, so all stop at the same step.</summary>
    public bool AnyStop { get; private set; }

    /// <summary>Copies this rank's streams out of a time-major (T, B) batch into (T, B/N).</summary>
    public void TakeShare(ReadOnlySpan<int> full, Span<int> local, int steps)
    {
        for (int t = 0; t < steps; t++)
            full.Slice(t * Batch + FirstStream, LocalBatch).CopyTo(local.Slice(t * LocalBatch, LocalBatch));
    }

    /// <summary>Sums the gradients over the ranks and divides by N; returns the mean of the ranks'
    /// <paramref name="loss"/>, and sets <see cref="AnyStop"/> from the votes.</summary>
    public double Reduce(Span<float> gradients, double loss)
    {
        _communicator.AllReduceSum(gradients);
        int n = _communicator.Size;
        if (n > 1) TensorPrimitives.Multiply(gradients, 1f / n, gradients);
        _scalars[0] = loss;
        _scalars[1] = StopVote ? 1 : 0;
        _communicator.AllReduceSum(_scalars);
        AnyStop = _scalars[1] > 0;
        return _scalars[0] / n;
    }

    /// <summary>This rank's part of a batch of <paramref name="count"/> sequences: [⌊r·count/N⌋, ⌊(r + 1)·count/N⌋),
    /// contiguous, sizes differing by at most one (a batch smaller than N leaves some ranks none).</summary>
    public Range Share(int count)
    {
        long n = _communicator.Size, r = _communicator.Rank;
        return new Range((int)(r * count / n), (int)((r + 1) * count / n));
    }

    /// <summary>
    /// Makes every rank's <paramref name="gradients"/> those of the whole batch's mean loss from each rank's mean
    /// C_r over its share, whose denominator (counted rows, or their class weight) is w_r: C = Σᵣ w_r C_r / W with
    /// W = Σᵣ w_r, so ∂C/∂θ = Σᵣ (w_r / W) ∂C_r/∂θ. One allreduce of three doubles (w_r C_r, w_r, the stop votes)
    /// gives W; each rank scales its gradient by w_r / W; one in-place float32 allreduce sums them. Returns C (NaN
    /// when W = 0, as one process's 0/0) and sets <see cref="AnyStop"/>.
    /// </summary>
    public double ReduceWeighted(Span<float> gradients, double loss, double weight)
    {
        Span<double> scalars = [weight > 0 ? loss * weight : 0, weight, StopVote ? 1 : 0];
        _communicator.AllReduceSum(scalars);
        AnyStop = scalars[2] > 0;
        double total = scalars[1];
        if (weight > 0 && total > 0) TensorPrimitives.Multiply(gradients, (float)(weight / total), gradients);
        else gradients.Clear(); // an empty share, or one whose rows all weigh 0, adds nothing
        _communicator.AllReduceSum(gradients);
        return total > 0 ? scalars[0] / total : double.NaN;
    }

    /// <summary>True on every rank when <paramref name="vote"/> is true on any (e.g. its time budget is spent), so
    /// that all stop at the same step.</summary>
    public bool Any(bool vote)
    {
        Span<double> votes = [vote ? 1 : 0];
        _communicator.AllReduceSum(votes);
        return votes[0] > 0;
    }

    /// <summary>Every rank's <paramref name="values"/> become rank 0's.</summary>
    public void Broadcast(Span<double> values) =>
        _communicator.Broadcast(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values), root: 0);

    /// <summary>Assembles the full (L, B, H) state from every rank's (L, B/N, H); every rank gets it.</summary>
    public void Gather(Tensor<float> local, Tensor<float> full)
    {
        full.Clear();
        CopyRows(local.Span, full.Span, local.Shape[0], local.Shape[2], toFull: true);
        _communicator.AllReduceSum(full.Span);
    }

    /// <summary>Takes this rank's streams of a full (L, B, H) state.</summary>
    public void Scatter(Tensor<float> full, Tensor<float> local) =>
        CopyRows(full.Span, local.Span, local.Shape[0], local.Shape[2], toFull: false);

    /// <summary>Every rank's <paramref name="values"/> become rank 0's.</summary>
    public void Broadcast(Span<float> values) => _communicator.Broadcast(values, root: 0);

    /// <summary>
    /// Rank 0's file (whose path only rank 0 evaluates), delivered to every rank, so that ranks on other machines
    /// need no shared disk; when rank 0 cannot read it, every rank throws (rank 0 its own error), so no rank waits
    /// for the others.
    /// </summary>
    public byte[] ShareFile(Func<string> pathOnRoot)
    {
        byte[]? bytes = null;
        Exception? failure = null;
        if (IsRoot)
            try { bytes = File.ReadAllBytes(pathOnRoot()); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                failure = e;
            }
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, bytes?.LongLength ?? -1);
        _communicator.Broadcast(length, root: 0);
        long count = BinaryPrimitives.ReadInt64LittleEndian(length);
        if (failure is not null) throw failure;
        if (count < 0) throw new IOException("rank 0 could not read the file it shares; see its message");
        bytes ??= new byte[count];
        _communicator.Broadcast(bytes, root: 0);
        return bytes;
    }

    /// <summary>Throws on every rank when some rank's <paramref name="fingerprint"/> (e.g. the corpus's SHA-256)
    /// differs from rank 0's.</summary>
    public void RequireSame(string fingerprint, string what)
    {
        var mine = Encoding.UTF8.GetBytes(fingerprint);
        var root = (byte[])mine.Clone();
        _communicator.Broadcast(root, root: 0);
        Span<double> differs = [mine.AsSpan().SequenceEqual(root) ? 0 : 1];
        _communicator.AllReduceSum(differs);
        if (differs[0] > 0)
            throw new InvalidDataException($"{differs[0]} of the {_communicator.Size} ranks have another {what} " +
                $"than rank 0: give every rank the same file");
    }

    private void CopyRows(ReadOnlySpan<float> from, Span<float> to, int layers, int hidden, bool toFull)
    {
        for (int l = 0; l < layers; l++)
        {
            int full = (l * Batch + FirstStream) * hidden, local = l * LocalBatch * hidden, count = LocalBatch * hidden;
            if (toFull) from.Slice(local, count).CopyTo(to.Slice(full, count));
            else from.Slice(full, count).CopyTo(to.Slice(local, count));
        }
    }
}
