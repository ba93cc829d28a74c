namespace Recurrent.Forecasting;

/// <summary>
/// The standardisation of one series, fitted on its training values and kept in the model file, so a series of
/// thousands (births a day) and one of tens (sunspots) both reach the network near 0 with unit spread:
/// <code>
/// z_t = (y_t − μ) / σ,   y_t = μ + σ z_t,   μ, σ the mean and population standard deviation of the training values
/// </code>
/// A constant series (σ = 0) gets σ = 1, so it is only shifted.
/// </summary>
/// <param name="Mean">μ.</param>
/// <param name="Std">σ (&gt; 0).</param>
public sealed record SeriesScale(double Mean, double Std)
{
    /// <summary>μ and σ of <paramref name="values"/>.</summary>
    public static SeriesScale Fit(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) throw new ArgumentException("expected at least one value to fit a scale, got none");
        double mean = 0;
        foreach (double y in values) mean += y;
        mean /= values.Length;
        double variance = 0;
        foreach (double y in values) variance += (y - mean) * (y - mean);
        double std = Math.Sqrt(variance / values.Length);
        return new SeriesScale(mean, std > 1e-12 * Math.Max(1, Math.Abs(mean)) ? std : 1);
    }

    /// <summary>z = (y − μ) / σ, as the network reads it.</summary>
    public float[] Apply(ReadOnlySpan<double> values)
    {
        var scaled = new float[values.Length];
        for (int t = 0; t < values.Length; t++) scaled[t] = (float)((values[t] - Mean) / Std);
        return scaled;
    }

    /// <summary>y = μ + σ z, back in the series' units.</summary>
    public double[] Invert(ReadOnlySpan<float> scaled)
    {
        var values = new double[scaled.Length];
        for (int t = 0; t < scaled.Length; t++) values[t] = Mean + Std * scaled[t];
        return values;
    }
}
