namespace Recurrent.Lab.Vanishing;

/// <summary>How the deep MLP's weights start.</summary>
public enum MlpInit
{
    /// <summary>He normal (std √(2/fan_in)) for ReLU and ELU, Glorot normal (std √(2/(fan_in + fan_out))) for sigmoid
    /// and tanh: chosen to keep signals and gradients at one scale.</summary>
    HeGlorot,

    /// <summary>PyTorch's nn.Linear default, U(±1/√fan_in) (std 1/√(3 fan_in)): about 0.4–0.6 of the fan-preserving
    /// scale, so gradients shrink with depth.</summary>
    PyTorch,
}
