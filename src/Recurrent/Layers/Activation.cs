namespace Recurrent.Layers;

/// <summary>
/// The element-wise (and, for softmax, row-wise) nonlinearities of docs/equations.md#activations, applied as a = f(z).
/// <see cref="Activations"/> computes them and their backward passes; <see cref="ActivationLayer{T}"/> wraps them as a
/// layer.
/// </summary>
public enum Activation
{
    /// <summary>f(z) = z ("linear"; the worked example, docs/equations.md#memory-tasks).</summary>
    Identity,

    /// <summary>f(z) = σ(z) = 1 / (1 + e^−z); f′ = a(1 − a).</summary>
    Sigmoid,

    /// <summary>f(z) = tanh z; f′ = 1 − a².</summary>
    Tanh,

    /// <summary>f(z) = max(z, 0); f′ = 1 for z &gt; 0, else 0.</summary>
    Relu,

    /// <summary>f(z) = z for z &gt; 0, else s·z with slope s (default 0.01); f′ = 1 or s.</summary>
    LeakyRelu,

    /// <summary>f(z) = z for z &gt; 0, else α(e^z − 1) with α (default 1.0); f′ = 1 or a + α.</summary>
    Elu,

    /// <summary>Row-wise a_k = e^{z_k} / Σ_j e^{z_j}; backward uses its Jacobian: dz = a ⊙ (da − Σ_k a_k
    /// da_k).</summary>
    Softmax,
}
