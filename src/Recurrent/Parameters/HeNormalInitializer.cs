namespace Recurrent.Parameters;

/// <summary>
/// He (Kaiming) normal, as torch.nn.init.kaiming_normal_ in mode fan_in: each entry from N(0, σ²) with
/// σ = gain / √fan_in and gain = √(2 / (1 + a²)), so σ = √(2 / fan_in) for a plain ReLU. Needs rank ≥ 2.
/// </summary>
/// <param name="NegativeSlope">Slope a of the leaky ReLU that follows; 0 for ReLU. Default 0 (ReLU).</param>
public sealed record HeNormalInitializer(double NegativeSlope = 0) : IInitializer
{
    /// <summary>The slope a, finite (checked on construction and on `with`).</summary>
    public double NegativeSlope { get; init => field = CheckSlope(value); } = CheckSlope(NegativeSlope);

    /// <inheritdoc/>
    public void Fill<T>(Span<T> values, ReadOnlySpan<int> shape, Random rng) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        var (fanIn, _) = Fans.Of(shape, values.Length, "He normal initialisation");
        double std = Math.Sqrt(2.0 / (1 + NegativeSlope * NegativeSlope)) / Math.Sqrt(fanIn);
        for (int i = 0; i < values.Length; i++) values[i] = T.CreateChecked(rng.NextGaussian() * std);
    }

    internal static double CheckSlope(double slope)
    {
        if (!double.IsFinite(slope))
            throw new ArgumentOutOfRangeException(nameof(NegativeSlope),
                $"negative slope must be a finite number, got {slope}");
        return slope;
    }
}
