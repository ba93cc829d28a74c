namespace Recurrent.Parameters;

/// <summary>Each entry drawn from U(−<see cref="Limit"/>, +<see cref="Limit"/>).</summary>
public sealed record UniformInitializer(double Limit) : IInitializer
{
    /// <inheritdoc/>
    public void Fill<T>(Span<T> values, ReadOnlySpan<int> shape, Random rng) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        if (!(Limit >= 0) || double.IsInfinity(Limit))
            throw new ArgumentOutOfRangeException(nameof(Limit), $"uniform limit must be finite and ≥ 0, got {Limit}");
        for (int i = 0; i < values.Length; i++) values[i] = T.CreateChecked((2 * rng.NextDouble() - 1) * Limit);
    }
}
