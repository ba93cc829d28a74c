namespace Recurrent.Parameters;

/// <summary>
/// Fills a parameter from an explicit seeded RNG. Shapes follow PyTorch: a weight is (fan_out, fan_in, ...).
/// Implementations draw in double and round to T, so a float and a double model built with the same seed
/// start from the same numbers.
/// </summary>
public interface IInitializer
{
    /// <summary>Writes the initial values of a parameter of <paramref name="shape"/> into
    /// <paramref name="values"/>.</summary>
    void Fill<T>(Span<T> values, ReadOnlySpan<int> shape, Random rng) where T : unmanaged, IFloatingPointIeee754<T>;
}
