using Recurrent.Layers;

namespace Recurrent.Lab.Stability;

/// <summary>The element-wise activations of the stability experiments on one double, and their derivatives.</summary>
public static class ScalarActivation
{
    /// <summary>f(z) for sigmoid, tanh, ReLU or the identity.</summary>
    public static double Apply(Activation kind, double z) => kind switch
    {
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.Relu => Math.Max(z, 0),
        Activation.Identity => z,
        _ => throw new ArgumentException($"the stability experiments use sigmoid, tanh, relu or identity, got {kind}",
            nameof(kind)),
    };

    /// <summary>f′(z).</summary>
    public static double Derivative(Activation kind, double z) => kind switch
    {
        Activation.Sigmoid => Apply(kind, z) * (1 - Apply(kind, z)),
        Activation.Tanh => 1 - Math.Tanh(z) * Math.Tanh(z),
        Activation.Relu => z > 0 ? 1 : 0,
        Activation.Identity => 1,
        _ => throw new ArgumentException($"the stability experiments use sigmoid, tanh, relu or identity, got {kind}",
            nameof(kind)),
    };
}
