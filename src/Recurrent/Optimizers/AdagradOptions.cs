namespace Recurrent.Optimizers;

/// <summary>Options of <see cref="Adagrad{T}"/>, named and defaulted as torch.optim.Adagrad.</summary>
/// <param name="LearningRate">Step size γ. Default 0.01 (PyTorch's).</param>
/// <param name="LearningRateDecay">η: step t uses γ / (1 + (t − 1)η). Default 0.</param>
/// <param name="WeightDecay">L2 penalty λ, added to the gradient. Default 0.</param>
/// <param name="InitialAccumulator">Starting value of the sum of squared gradients. Default 0.</param>
/// <param name="Epsilon">ε added to the root of the sum, for stability. Default 1e-10 (PyTorch's).</param>
public sealed record AdagradOptions(
    double LearningRate = 0.01,
    double LearningRateDecay = 0,
    double WeightDecay = 0,
    double InitialAccumulator = 0,
    double Epsilon = 1e-10);
