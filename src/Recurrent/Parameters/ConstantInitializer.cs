namespace Recurrent.Parameters;

/// <summary>Every entry set to <see cref="Value"/> (zero for biases; one for a forget-gate bias).</summary>
public sealed record ConstantInitializer(double Value = 0) : IInitializer
{
    /// <summary>All zeros.</summary>
    public static ConstantInitializer Zeros { get; } = new(0);

    /// <inheritdoc/>
    public void Fill<T>(Span<T> values, ReadOnlySpan<int> shape, Random rng) where T : unmanaged,
        IFloatingPointIeee754<T>
        => values.Fill(T.CreateChecked(Value));
}
