namespace Recurrent.Optimizers;

/// <summary>Options of <see cref="RmsProp{T}"/>, named and defaulted as torch.optim.RMSprop.</summary>
/// <param name="LearningRate">Step size γ. Default 0.01 (PyTorch's).</param>
/// <param name="Alpha">Smoothing constant α of the average of squared gradients, in [0, 1). Default 0.99.</param>
/// <param name="Epsilon">ε added to the root, for stability. Default 1e-8.</param>
/// <param name="WeightDecay">L2 penalty λ, added to the gradient. Default 0.</param>
/// <param name="Momentum">Momentum μ of the normalised step; 0 disables it. Default 0.</param>
/// <param name="Centered">Normalise by an estimate of the variance (subtract the squared mean gradient). Default
/// false.</param>
public sealed record RmsPropOptions(
    double LearningRate = 0.01,
    double Alpha = 0.99,
    double Epsilon = 1e-8,
    double WeightDecay = 0,
    double Momentum = 0,
    bool Centered = false);
