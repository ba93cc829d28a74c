namespace Recurrent.Losses;

/// <summary>Masks for <see cref="SequenceLoss{T}"/> and <see cref="SequenceMetric{T}"/> built from sequence
/// lengths.</summary>
public static class SequenceMask
{
    /// <summary>
    /// The (T, B) mask m[t, b] = 1 when t &lt; L_b (a real step of sequence b), 0 for padding.
    /// </summary>
    /// <param name="lengths">L_b (B), each in [0, T].</param>
    /// <param name="steps">T.</param>
    /// <exception cref="ArgumentOutOfRangeException">A length is outside [0, T], or T is negative.</exception>
    public static Tensor<T> FromLengths<T>(ReadOnlySpan<int> lengths, int steps) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        int batch = lengths.Length;
        var mask = new Tensor<T>(steps, batch);
        var m = mask.Span;
        for (int b = 0; b < batch; b++)
        {
            if ((uint)lengths[b] > (uint)steps)
                throw new ArgumentOutOfRangeException(nameof(lengths),
                    $"lengths[{b}] = {lengths[b]} is outside [0, {steps}]");
            for (int t = 0; t < lengths[b]; t++) m[t * batch + b] = T.One;
        }
        return mask;
    }
}
