namespace Recurrent.Optimizers;

/// <summary>Creates an optimizer from its command-line name, with PyTorch's defaults for everything but the learning
/// rate.</summary>
public static class OptimizerFactory
{
    /// <summary>Accepted names, in the order error messages list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam",
        "adamw"];

    /// <summary>
    /// "sgd" is plain SGD; "momentum" and "nesterov" are SGD with μ = 0.9 (the customary value) and classic or
    /// Nesterov momentum; the rest are <see cref="Adagrad{T}"/>, <see cref="RmsProp{T}"/>, <see cref="Adam{T}"/>
    /// and <see cref="AdamW{T}"/> with default options. Names are case-insensitive.
    /// </summary>
    public static IOptimizer<T> Create<T>(string name, double learningRate) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "sgd" => new Sgd<T>(new SgdOptions(learningRate)),
            "momentum" => new Sgd<T>(new SgdOptions(learningRate, Momentum: 0.9)),
            "nesterov" => new Sgd<T>(new SgdOptions(learningRate, Momentum: 0.9, Nesterov: true)),
            "adagrad" => new Adagrad<T>(new AdagradOptions(learningRate)),
            "rmsprop" => new RmsProp<T>(new RmsPropOptions(learningRate)),
            "adam" => new Adam<T>(new AdamOptions(learningRate)),
            "adamw" => new AdamW<T>(new AdamWOptions(learningRate)),
            _ => throw new ArgumentException($"unknown optimizer '{name}'; expected one of: {string.Join(", ", Names)}",
                nameof(name)),
        };
    }

    /// <summary>The optimizer of <paramref name="kind"/> (see the other overload for what each is).</summary>
    public static IOptimizer<T> Create<T>(OptimizerKind kind, double learningRate) where T : unmanaged,
        IFloatingPointIeee754<T> =>
        Enum.IsDefined(kind)
            ? Create<T>(Names[(int)kind], learningRate)
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown optimizer");
}
