namespace Recurrent.Data;

/// <summary>
/// Where a <see cref="CharStreamBatcher"/> stands: everything needed to resume it exactly. A small record of plain
/// numbers so a checkpoint can store it as JSON.
/// </summary>
/// <param name="Position">Offset within every stream of the first input character of the next batch.</param>
/// <param name="Epoch">Completed passes over the streams (increments when the data wraps).</param>
/// <param name="BatchesServed">Batches handed out since the start, across epochs.</param>
public sealed record BatchCursor(int Position, int Epoch, long BatchesServed)
{
    /// <summary>The cursor of a fresh batcher: position 0, epoch 0, nothing served.</summary>
    public static BatchCursor Start { get; } = new(0, 0, 0);
}
