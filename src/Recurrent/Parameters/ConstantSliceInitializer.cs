namespace Recurrent.Parameters;

/// <summary>
/// Fills a parameter with <see cref="Inner"/>, then sets the flat range [<see cref="Start"/>, Start +
/// <see cref="Count"/>) to <see cref="Value"/>: e.g. an LSTM's forget-gate slice of a bias (gate order i, f, g, o, so
/// Start = H, Count = H). The inner draws are taken for every entry first, so the RNG stream does not depend on the
/// slice.
/// </summary>
public sealed record ConstantSliceInitializer(IInitializer Inner, int Start, int Count, double Value) : IInitializer
{
    /// <inheritdoc/>
    public void Fill<T>(Span<T> values, ReadOnlySpan<int> shape, Random rng) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(Inner);
        if (Start < 0 || Count < 0 || Start + Count > values.Length)
            throw new ArgumentOutOfRangeException(nameof(Start),
                $"slice [{Start}, {Start + Count}) is outside a parameter of {values.Length} entries");
        Inner.Fill(values, shape, rng);
        values.Slice(Start, Count).Fill(T.CreateChecked(Value));
    }
}
