namespace Recurrent.Parameters;

/// <summary>
/// PyTorch's default for nn.Linear and the recurrent layers: U(−1/√fan_in, +1/√fan_in). The fan-in is given
/// explicitly because a bias (out) cannot tell it from its own shape: a dense layer passes its input size,
/// PyTorch's RNN/LSTM/GRU pass the hidden size.
/// </summary>
public sealed record PyTorchDefaultInitializer(int FanIn) : IInitializer
{
    /// <inheritdoc/>
    public void Fill<T>(Span<T> values, ReadOnlySpan<int> shape, Random rng) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        if (FanIn <= 0) throw new ArgumentOutOfRangeException(nameof(FanIn), $"fan-in must be positive, got {FanIn}");
        new UniformInitializer(1.0 / Math.Sqrt(FanIn)).Fill(values, shape, rng);
    }
}
