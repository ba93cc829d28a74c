namespace Recurrent.Optimizers;

/// <summary>The optimizers <see cref="OptimizerFactory"/> makes, with PyTorch's defaults but the learning
/// rate.</summary>
public enum OptimizerKind
{
    /// <summary>Plain SGD.</summary>
    Sgd,

    /// <summary>SGD with classic momentum μ = 0.9.</summary>
    Momentum,

    /// <summary>SGD with Nesterov momentum μ = 0.9.</summary>
    Nesterov,

    /// <summary><see cref="Adagrad{T}"/>.</summary>
    Adagrad,

    /// <summary><see cref="RmsProp{T}"/>.</summary>
    RmsProp,

    /// <summary><see cref="Adam{T}"/>.</summary>
    Adam,

    /// <summary><see cref="AdamW{T}"/>.</summary>
    AdamW,
}
