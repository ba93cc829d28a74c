namespace Recurrent.Data;

/// <summary>
/// Batches for truncated BPTT over parallel streams ("stateful" char-rnn batching). The index sequence of length
/// N is cut into B contiguous streams of L = ⌊N / B⌋ characters (the last N − B·L are unused); stream b is
/// data[b·L, (b + 1)·L). A batch at position p holds, for t &lt; T and every b,
/// <code>
/// inputs[t, b]  = data[b·L + p + t]
/// targets[t, b] = data[b·L + p + t + 1]     (the next character)
/// </code>
/// and the next batch starts at p + T, so the hidden state left by one batch is the right start for the next
/// one in every stream. When a stream cannot supply T + 1 more characters the data wraps to position 0, the
/// epoch count goes up, and the next batch says the carried hidden state must be reset.
/// </summary>
/// <remarks>
/// Inputs and targets are time-major, (T, B) flattened as [t·B + b], the layout of a (T, B, V) sequence tensor.
/// The batcher allocates nothing per batch; its whole state is <see cref="Cursor"/>.
/// </remarks>
public sealed class CharStreamBatcher
{
    private readonly int[] _data;
    private int _position;
    private int _epoch;
    private long _batchesServed;

    /// <summary>Batches <paramref name="data"/> (character indices, kept by reference, not copied).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Batch size or sequence length below 1.</exception>
    /// <exception cref="InvalidDataException">Too few characters for B streams of T + 1.</exception>
    public CharStreamBatcher(int[] data, int batchSize, int sequenceLength, string what = "the text")
    {
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"batch size must be at least 1, got {batchSize}");
        if (sequenceLength < 1)
            throw new ArgumentOutOfRangeException(nameof(sequenceLength),
            $"sequence length must be at least 1, got {sequenceLength}");
        TextCorpus.RequireLength(data.Length, sequenceLength, batchSize, what);
        _data = data;
        BatchSize = batchSize;
        SequenceLength = sequenceLength;
        StreamLength = data.Length / batchSize;
    }

    /// <summary>Number of parallel streams B.</summary>
    public int BatchSize { get; }

    /// <summary>Steps per batch T (the truncation length of BPTT).</summary>
    public int SequenceLength { get; }

    /// <summary>Characters per stream L = ⌊N / B⌋.</summary>
    public int StreamLength { get; }

    /// <summary>Batches in one pass over the streams: ⌊(L − 1) / T⌋.</summary>
    public int BatchesPerEpoch => (StreamLength - 1) / SequenceLength;

    /// <summary>Elements of one inputs or targets buffer: T·B.</summary>
    public int BatchElementCount => SequenceLength * BatchSize;

    /// <summary>
    /// The position to resume from. Setting it (from a checkpoint) is validated: the position must leave room
    /// for a batch of T + 1 characters in every stream.
    /// </summary>
    public BatchCursor Cursor
    {
        get => new(_position, _epoch, _batchesServed);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Position < 0 || value.Position + SequenceLength + 1 > StreamLength)
                throw new ArgumentOutOfRangeException(nameof(value),
                    $"cursor position {value.Position} is outside [0, {StreamLength - SequenceLength - 1}], the " +
                        $"starts that leave {SequenceLength} + 1 characters in streams of {StreamLength}; was it " +
                            $"saved with another batch size, sequence length or text?");
            if (value.Epoch < 0 || value.BatchesServed < 0)
                throw new ArgumentOutOfRangeException(nameof(value),
                    $"cursor epoch and batch count must be non-negative, got {value.Epoch} and {value.BatchesServed}");
            (_position, _epoch, _batchesServed) = (value.Position, value.Epoch, value.BatchesServed);
        }
    }

    /// <summary>Returns to the start of the streams, epoch 0 (e.g. before each pass over a validation text).</summary>
    public void Reset() => Cursor = BatchCursor.Start;

    /// <summary>
    /// Fills the next batch and advances the cursor by T, wrapping to position 0 (and counting an epoch) when the
    /// streams cannot supply another batch.
    /// </summary>
    /// <param name="inputs">(T, B) character indices, [t·B + b].</param>
    /// <param name="targets">(T, B) next-character indices, [t·B + b].</param>
    /// <returns>
    /// True when this batch starts the streams afresh (position 0: the first batch, or the first after a wrap), so
    /// the carried hidden state must be reset to zero before it; false when the state carries over.
    /// </returns>
    public bool Next(Span<int> inputs, Span<int> targets)
    {
        int count = BatchElementCount;
        if (inputs.Length != count || targets.Length != count)
            throw new ArgumentException(
                $"inputs and targets must each hold (T, B) = ({SequenceLength}, {BatchSize}) = {count} indices, got " +
                    $"{inputs.Length} and {targets.Length}");

        bool reset = _position == 0;
        int b = BatchSize;
        for (int stream = 0; stream < b; stream++)
        {
            var source = _data.AsSpan(stream * StreamLength + _position, SequenceLength + 1);
            for (int t = 0; t < SequenceLength; t++)
            {
                inputs[t * b + stream] = source[t];
                targets[t * b + stream] = source[t + 1];
            }
        }

        _batchesServed++;
        _position += SequenceLength;
        if (_position + SequenceLength + 1 > StreamLength)
        {
            // Wrap now rather than on the next call, so the cursor always names a batch that can be served.
            _position = 0;
            _epoch++;
        }
        return reset;
    }
}
