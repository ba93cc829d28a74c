namespace Recurrent.Parameters;

/// <summary>
/// Glorot (Xavier) normal, as torch.nn.init.xavier_normal_: each entry from N(0, σ²) with
/// σ = gain · √(2 / (fan_in + fan_out)). Needs rank ≥ 2.
/// </summary>
/// <param name="Gain">Scale for the nonlinearity that follows. Default 1.</param>
public sealed record GlorotNormalInitializer(double Gain = 1) : IInitializer
{
    /// <summary>The gain, positive and finite (checked on construction and on `with`).</summary>
    public double Gain { get; init =>
        field = Fans.CheckGain(value, nameof(Gain)); } = Fans.CheckGain(Gain, nameof(Gain));

    /// <inheritdoc/>
    public void Fill<T>(Span<T> values, ReadOnlySpan<int> shape, Random rng) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        var (fanIn, fanOut) = Fans.Of(shape, values.Length, "Glorot normal initialisation");
        double std = Gain * Math.Sqrt(2.0 / (fanIn + fanOut));
        for (int i = 0; i < values.Length; i++) values[i] = T.CreateChecked(rng.NextGaussian() * std);
    }
}
