namespace Recurrent.Optimizers;

/// <summary>Options of <see cref="Adam{T}"/>, named and defaulted as torch.optim.Adam.</summary>
/// <param name="LearningRate">Step size γ. Default 1e-3.</param>
/// <param name="Beta1">Decay β₁ of the first-moment average, in [0, 1). Default 0.9.</param>
/// <param name="Beta2">Decay β₂ of the second-moment average, in [0, 1). Default 0.999.</param>
/// <param name="Epsilon">ε added to the root of the second moment, for stability. Default 1e-8.</param>
/// <param name="WeightDecay">L2 penalty λ, added to the gradient (classic Adam; see <see cref="AdamW{T}"/> for
/// decoupled decay). Default 0.</param>
public sealed record AdamOptions(
    double LearningRate = 1e-3,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Epsilon = 1e-8,
    double WeightDecay = 0);
