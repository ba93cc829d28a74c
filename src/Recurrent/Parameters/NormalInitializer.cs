namespace Recurrent.Parameters;

/// <summary>
/// Each entry drawn from N(<see cref="Mean"/>, <see cref="StandardDeviation"/>²) by
/// <see cref="RandomExtensions.NextGaussian"/>; N(0, 1) is PyTorch's default for nn.Embedding.
/// </summary>
public sealed record NormalInitializer(double Mean = 0, double StandardDeviation = 1) : IInitializer
{
    /// <inheritdoc/>
    public void Fill<T>(Span<T> values, ReadOnlySpan<int> shape, Random rng) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        if (!(StandardDeviation >= 0) || double.IsInfinity(StandardDeviation) || !double.IsFinite(Mean))
            throw new ArgumentOutOfRangeException(nameof(StandardDeviation),
                $"normal initializer needs a finite mean and a finite standard deviation ≥ 0, got N({Mean}, " +
                $"{StandardDeviation}²)");
        for (int i = 0; i < values.Length; i++)
            values[i] = T.CreateChecked(Mean + StandardDeviation * rng.NextGaussian());
    }
}
