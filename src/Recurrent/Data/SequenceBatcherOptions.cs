namespace Recurrent.Data;

/// <summary>How <see cref="SequenceBatcher"/> groups sequences into time-major batches.</summary>
public sealed record SequenceBatcherOptions
{
    /// <summary>B, sequences per batch; the last batch of an epoch may hold fewer (see <see
    /// cref="DropLast"/>).</summary>
    public int BatchSize { get; init; } = 32; // a common default for small recurrent models

    /// <summary>Shuffle the sequences (and, with bucketing, the batches) every epoch; off keeps file order.</summary>
    public bool Shuffle { get; init; } = true; // training wants it; turn off for evaluation

    /// <summary>
    /// Bucketing by length: when ≥ 2, the (shuffled) sequences are cut into chunks of this many batches and each
    /// chunk is sorted by length before it is cut into batches, so sequences of similar length share a batch and
    /// padding is small. 0 or 1 turns it off.
    /// </summary>
    public int BucketBatches { get; init; } // 0: off, so batches are plain random draws

    /// <summary>Leave out a last batch smaller than <see cref="BatchSize"/>.</summary>
    public bool DropLast { get; init; } // false: every sequence is seen every epoch

    /// <summary>
    /// Reuse one set of buffers per batch shape (T, B): a batch is then valid only until the next one is drawn.
    /// Off, every batch owns its arrays.
    /// </summary>
    public bool ReuseBuffers { get; init; } // false: the safe default; turn on to allocate nothing per batch
}
