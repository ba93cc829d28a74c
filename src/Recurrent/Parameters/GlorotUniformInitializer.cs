namespace Recurrent.Parameters;

/// <summary>
/// Glorot (Xavier) uniform, as torch.nn.init.xavier_uniform_: each entry from U(−a, +a) with
/// a = gain · √(6 / (fan_in + fan_out)), so the variance gain² · 2 / (fan_in + fan_out) balances the forward
/// and backward signal. Needs rank ≥ 2.
/// </summary>
/// <param name="Gain">Scale for the nonlinearity that follows (1 for tanh/sigmoid by Glorot's derivation). Default
/// 1.</param>
public sealed record GlorotUniformInitializer(double Gain = 1) : IInitializer
{
    /// <summary>The gain, positive and finite (checked on construction and on `with`).</summary>
    public double Gain { get; init =>
        field = Fans.CheckGain(value, nameof(Gain)); } = Fans.CheckGain(Gain, nameof(Gain));

    /// <inheritdoc/>
    public void Fill<T>(Span<T> values, ReadOnlySpan<int> shape, Random rng) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        var (fanIn, fanOut) = Fans.Of(shape, values.Length, "Glorot uniform initialisation");
        double limit = Gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < values.Length; i++) values[i] = T.CreateChecked((2 * rng.NextDouble() - 1) * limit);
    }
}
