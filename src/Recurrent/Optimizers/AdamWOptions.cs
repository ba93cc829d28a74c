namespace Recurrent.Optimizers;

/// <summary>Options of <see cref="AdamW{T}"/>, named and defaulted as torch.optim.AdamW.</summary>
/// <param name="LearningRate">Step size γ. Default 1e-3.</param>
/// <param name="Beta1">Decay β₁ of the first-moment average, in [0, 1). Default 0.9.</param>
/// <param name="Beta2">Decay β₂ of the second-moment average, in [0, 1). Default 0.999.</param>
/// <param name="Epsilon">ε added to the root of the second moment, for stability. Default 1e-8.</param>
/// <param name="WeightDecay">Decoupled decay λ: θ shrinks by γλθ each step, outside the moments. Default 0.01
/// (PyTorch's).</param>
public sealed record AdamWOptions(
    double LearningRate = 1e-3,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Epsilon = 1e-8,
    double WeightDecay = 0.01);
