namespace Recurrent.Data;

/// <summary>
/// Cuts a <see cref="SequenceDataset"/> into <see cref="TimeMajorBatch"/>es, one pass over the data per
/// <see cref="NextEpoch"/>: shuffled with the seeded <see cref="Random"/> given at construction, optionally bucketed
/// by length so little is padded. The same seed and options give the same batches in the same order.
/// </summary>
public sealed class SequenceBatcher
{
    private readonly SequenceDataset _data;
    private readonly Random _rng;
    private readonly Dictionary<(int Steps, int Size), TimeMajorBatch> _buffers = [];

    /// <summary>Batches <paramref name="data"/>; <paramref name="rng"/> drives shuffling and is used by no one
    /// else.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A batch size below 1 or a negative bucket size.</exception>
    public SequenceBatcher(SequenceDataset data, SequenceBatcherOptions options, Random rng)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        if (options.BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(options),
                $"batch size must be at least 1, got {options.BatchSize}");
        if (options.BucketBatches < 0)
            throw new ArgumentOutOfRangeException(nameof(options),
                $"bucket size in batches must be ≥ 0, got {options.BucketBatches}");
        _data = data;
        _rng = rng;
        Options = options;
    }

    /// <summary>The options the batcher was made with.</summary>
    public SequenceBatcherOptions Options { get; }

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => Options.DropLast ? _data.Count / Options.BatchSize
        : (_data.Count + Options.BatchSize - 1) / Options.BatchSize;

    /// <summary>
    /// The batches of the next epoch. The order is drawn now, from the batcher's Random; the batches are filled as
    /// they are enumerated. With <see cref="SequenceBatcherOptions.ReuseBuffers"/> a batch is overwritten by the
    /// next one of the same shape, so copy what must outlive it.
    /// </summary>
    public IEnumerable<TimeMajorBatch> NextEpoch()
    {
        var plan = Plan();
        return Batches(plan);
    }

    /// <summary>
    /// One rank's shares of the next epoch's batches: the order is drawn as by <see cref="NextEpoch"/> (the same seed
    /// gives every rank the same plan), and each batch yields only the sequences <paramref name="share"/> picks from
    /// its count, padded to their own longest; null where the share is empty.
    /// </summary>
    internal IEnumerable<TimeMajorBatch?> NextEpochShares(Func<int, Range> share)
    {
        var plan = Plan();
        return Batches(plan.Select(indices => indices[share(indices.Length)]).ToArray(), emptyAsNull: true);
    }

    /// <summary>The sequence indices of each batch of the next epoch, drawing from the batcher's Random.</summary>
    internal int[][] Plan()
    {
        int n = _data.Count, size = Options.BatchSize;
        var order = Enumerable.Range(0, n).ToArray();
        if (Options.Shuffle) _rng.Shuffle(order);
        if (Options.BucketBatches >= 2)
        {
            int chunk = size * Options.BucketBatches;
            for (int start = 0; start < n; start += chunk)
            {
                var part = order.AsSpan(start, Math.Min(chunk, n - start));
                var sorted = part.ToArray().OrderBy(i => _data.Examples[i].Length).ToArray(); // stable: ties keep order
                sorted.CopyTo(part);
            }
        }
        var batches = new int[BatchCount][];
        for (int b = 0; b < batches.Length; b++) batches[b] = order[(b * size)..Math.Min(n, (b + 1) * size)];
        // Bucketed batches come out sorted within a chunk; shuffle their order so lengths do not rise through it.
        if (Options.Shuffle && Options.BucketBatches >= 2) _rng.Shuffle(batches);
        return batches;
    }

    private IEnumerable<TimeMajorBatch> Batches(int[][] plan, bool emptyAsNull = false)
    {
        foreach (var indices in plan)
        {
            if (emptyAsNull && indices.Length == 0)
            {
                yield return null!;
                continue;
            }
            int steps = 0;
            foreach (int i in indices) steps = Math.Max(steps, _data.Examples[i].Length);
            TimeMajorBatch batch;
            if (!Options.ReuseBuffers) batch = new TimeMajorBatch(steps, indices.Length, _data);
            else if (!_buffers.TryGetValue((steps, indices.Length), out batch!))
                _buffers[(steps, indices.Length)] = batch = new TimeMajorBatch(steps, indices.Length, _data);
            batch.Fill(_data, indices);
            yield return batch;
        }
    }
}
