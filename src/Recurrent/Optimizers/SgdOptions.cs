namespace Recurrent.Optimizers;

/// <summary>Options of <see cref="Sgd{T}"/>, named and defaulted as torch.optim.SGD.</summary>
/// <param name="LearningRate">Step size γ. Default 0.01 (PyTorch requires it; 0.01 is a common start).</param>
/// <param name="Momentum">Momentum μ; 0 is plain SGD. Default 0.</param>
/// <param name="Dampening">Dampening τ of the momentum buffer's gradient term. Default 0.</param>
/// <param name="Nesterov">Nesterov momentum (needs μ &gt; 0 and τ = 0). Default false.</param>
/// <param name="WeightDecay">L2 penalty λ, added to the gradient. Default 0.</param>
public sealed record SgdOptions(
    double LearningRate = 0.01,
    double Momentum = 0,
    double Dampening = 0,
    bool Nesterov = false,
    double WeightDecay = 0);
