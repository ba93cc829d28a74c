namespace Recurrent.Losses;

/// <summary>Creates a loss from its short name, as options and the CLI give it.</summary>
public static class LossFactory
{
    /// <summary>The names <see cref="Create{T}"/> accepts: "mse", "sse", "bce", "softmax-ce".</summary>
    public static IReadOnlyList<string> Names { get; } = ["mse", "sse", "bce", "softmax-ce"];

    /// <summary>
    /// "mse" → <see cref="MeanSquaredError{T}"/>, "sse" → <see cref="SumSquaredError{T}"/>,
    /// "bce" → <see cref="BinaryCrossEntropy{T}"/>, "softmax-ce" → <see cref="SoftmaxCrossEntropy{T}"/>;
    /// case-insensitive.
    /// </summary>
    /// <exception cref="ArgumentException">The name is none of these; the message lists them.</exception>
    public static ILoss<T> Create<T>(string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "mse" => new MeanSquaredError<T>(),
            "sse" => new SumSquaredError<T>(),
            "bce" => new BinaryCrossEntropy<T>(),
            "softmax-ce" => new SoftmaxCrossEntropy<T>(),
            _ => throw new ArgumentException($"unknown loss '{name}'; expected one of: {string.Join(", ", Names)}",
                nameof(name)),
        };
    }
}
