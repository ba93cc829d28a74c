namespace Recurrent.Parameters;

/// <summary>
/// He (Kaiming) uniform, as torch.nn.init.kaiming_uniform_ in mode fan_in: each entry from U(−b, +b) with
/// b = gain · √(3 / fan_in) and gain = √(2 / (1 + a²)) for a leaky ReLU of negative slope a, so
/// b = √(6 / fan_in) and the variance 2 / fan_in for a plain ReLU. Needs rank ≥ 2.
/// </summary>
/// <param name="NegativeSlope">Slope a of the leaky ReLU that follows; 0 for ReLU. Default 0 (ReLU).</param>
public sealed record HeUniformInitializer(double NegativeSlope = 0) : IInitializer
{
    /// <summary>The slope a, finite (checked on construction and on `with`).</summary>
    public double NegativeSlope { get; init =>
        field = HeNormalInitializer.CheckSlope(value); } = HeNormalInitializer.CheckSlope(NegativeSlope);

    /// <inheritdoc/>
    public void Fill<T>(Span<T> values, ReadOnlySpan<int> shape, Random rng) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        var (fanIn, _) = Fans.Of(shape, values.Length, "He uniform initialisation");
        double gain = Math.Sqrt(2.0 / (1 + NegativeSlope * NegativeSlope));
        double bound = gain * Math.Sqrt(3.0 / fanIn);
        for (int i = 0; i < values.Length; i++) values[i] = T.CreateChecked((2 * rng.NextDouble() - 1) * bound);
    }
}
