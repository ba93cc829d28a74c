namespace Recurrent.Data;

/// <summary>One-hot encoding of character indices into a caller's workspace, allocating nothing.</summary>
public static class OneHot
{
    /// <summary>
    /// Writes the one-hot rows of <paramref name="indices"/> into <paramref name="destination"/>, whose last
    /// dimension is the vocabulary size V and whose other dimensions hold one row per index, e.g. (T, B, V) for
    /// the (T, B) indices of <see cref="CharStreamBatcher.Next"/>: row i is all zeros but a one at indices[i].
    /// </summary>
    /// <exception cref="ShapeMismatchException">The destination does not have indices.Length rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index outside [0, V).</exception>
    public static void Fill<T>(ReadOnlySpan<int> indices, Tensor<T> destination) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Rank == 0)
            throw new ShapeMismatchException("one-hot destination must have a vocabulary dimension, got a scalar");
        int v = destination.Dim(destination.Rank - 1);
        if (v == 0 || destination.Length / v != indices.Length)
            throw new ShapeMismatchException(
                $"one-hot destination {ShapeText.Format(destination.Shape)} must hold {indices.Length} rows of V, " +
                    $"got {(v == 0 ? 0 : destination.Length / v)}");
        var span = destination.Span;
        // Check first, so a bad index leaves the destination untouched rather than half written.
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)v)
                throw new ArgumentOutOfRangeException(nameof(indices),
                    $"index {indices[i]} at position {i} is outside the vocabulary [0, {v})");
        }
        span.Clear();
        for (int i = 0; i < indices.Length; i++) span[i * v + indices[i]] = T.One;
    }
}
