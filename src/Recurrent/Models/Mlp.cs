using Recurrent.Layers;
using Recurrent.Parameters;

namespace Recurrent.Models;

/// <summary>
/// A multi-layer perceptron: dense layers with an activation after each, as PyTorch's
/// nn.Sequential(Linear, act, Linear, act, …, Linear[, out_act]), so parameters are named "{prefix}0.weight",
/// "{prefix}0.bias", "{prefix}2.weight", … (odd indices are the activations, which have none).
/// </summary>
/// <remarks>
/// <para>Forward (docs/equations.md#dense): a⁰ = x; for l = 1..L: zˡ = wˡ aˡ⁻¹ + bˡ, aˡ = f(zˡ); y = aᴸ. Here rows
/// are examples,
/// so each layer computes Zˡ = Aˡ⁻¹ (Wˡ)ᵀ + bˡ on a (B, n_l) batch; f is the hidden activation for l &lt; L and
/// the output activation for l = L (identity for logits fed to a fused softmax cross-entropy).</para>
/// <para>Backward (docs/equations.md#dense), with δˡ = ∂C/∂zˡ: δᴸ = ∇_y C ⊙ f′(zᴸ); δˡ = (wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ f′(zˡ);
/// ∂C/∂wˡ = δˡ (aˡ⁻¹)ᵀ; ∂C/∂bˡ = δˡ (summed over the batch, added into the gradient buffer).</para>
/// Glossary: sizes n⁰..nᴸ, z pre-activations, a activations, δ = ∂C/∂z, B batch size.
/// </remarks>
public sealed class Mlp<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dense<T>[] _layers;   // layer l = 1..L at index l − 1
    private readonly int[] _sizes;         // n⁰..nᴸ
    private readonly Tensor<T>?[] _z;      // zˡ (B, nˡ), the dense layers' output workspaces
    private readonly Tensor<T>?[] _a;      // aˡ (B, nˡ); the same tensor as zˡ where f is the identity
    private Tensor<T>? _outputDelta;       // δᴸ (B, nᴸ), unused when the output activation is the identity

    /// <param name="parameters">The model's parameter set, not yet sealed; the layers add their weights and biases to
    /// it.</param>
    /// <param name="sizes">n⁰ (inputs), n¹, …, nᴸ (outputs): at least two entries, all positive.</param>
    /// <param name="hidden">f for layers 1..L − 1.</param>
    /// <param name="output">f for layer L; <see cref="Activation.Identity"/> for logits.</param>
    /// <param name="prefix">Prepended to every parameter name, e.g. "mlp." gives "mlp.0.weight".</param>
    /// <param name="activationParameter">Leaky ReLU slope or ELU α for both activations; 0 selects the default.</param>
    public Mlp(ParameterSet<T> parameters, IReadOnlyList<int> sizes, Activation hidden, Activation output,
        string prefix = "", double activationParameter = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(prefix);
        if (sizes.Count < 2 || sizes.Any(n => n <= 0))
            throw new ArgumentException(
                $"an MLP needs at least two positive sizes (inputs, …, outputs), got [{string.Join(", ", sizes)}]",
                    nameof(sizes));
        _sizes = [.. sizes];
        Hidden = hidden;
        Output = output;
        ActivationParameter = activationParameter;
        _layers = new Dense<T>[_sizes.Length - 1];
        for (int l = 1; l < _sizes.Length; l++)
            _layers[l - 1] = new Dense<T>(parameters, $"{prefix}{2 * (l - 1)}.", _sizes[l - 1], _sizes[l]);
        _z = new Tensor<T>?[_sizes.Length];
        _a = new Tensor<T>?[_sizes.Length];
    }

    /// <summary>n⁰..nᴸ: inputs, hidden sizes, outputs.</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <summary>The dense layers 1..L, in order.</summary>
    public IReadOnlyList<Dense<T>> Layers => _layers;

    /// <summary>Activation of the hidden layers.</summary>
    public Activation Hidden { get; }

    /// <summary>Activation of the output layer.</summary>
    public Activation Output { get; }

    /// <summary>Leaky ReLU slope or ELU α as given (0 = the default).</summary>
    public double ActivationParameter { get; }

    private int L => _layers.Length;

    private Activation F(int l) => l == L ? Output : Hidden;

    /// <summary>a⁰ = x; zˡ = wˡ aˡ⁻¹ + bˡ, aˡ = f(zˡ) for l = 1..L; returns y = aᴸ.</summary>
    /// <param name="input">x (B, n⁰).</param>
    /// <returns>y (B, nᴸ), a workspace valid until the next call.</returns>
    public Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ShapeCheck.Require(input, "input", "(B, n⁰)", input.Rows, _sizes[0]);
        _a[0] = input;
        for (int l = 1; l <= L; l++)
        {
            var z = _layers[l - 1].Forward(_a[l - 1]!); // zˡ = wˡ aˡ⁻¹ + bˡ  (B, nˡ)
            _z[l] = z;
            if (F(l) == Activation.Identity)
            {
                _a[l] = z;
                continue;
            }
            var a = _a[l] is { } old && !ReferenceEquals(old, z) && old.Rows == z.Rows ? old
                : new Tensor<T>(z.Rows, _sizes[l]);
            Activations.Forward<T>(F(l), z.Span, a.Span, _sizes[l], ActivationParameter); // aˡ = f(zˡ)
            _a[l] = a;
        }
        return _a[L]!;
    }

    /// <summary>
    /// δᴸ = ∇_y C ⊙ f′(zᴸ); then for l = L..1: ∂C/∂wˡ += δˡ (aˡ⁻¹)ᵀ, ∂C/∂bˡ += δˡ, and
    /// δˡ⁻¹ = (wˡ)ᵀ δˡ ⊙ f′(zˡ⁻¹) (docs/equations.md#dense). Returns ∂C/∂x = (w¹)ᵀ δ¹.
    /// </summary>
    /// <param name="outputGradient">∇_y C (B, nᴸ) for the batch of the last <see cref="Forward"/>.</param>
    /// <returns>∂C/∂x (B, n⁰), a workspace valid until the next call.</returns>
    public Tensor<T> Backward(Tensor<T> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_z[L] is not { } zL) throw new InvalidOperationException("Backward called before Forward");
        ShapeCheck.Require(outputGradient, "output gradient", "(B, nᴸ)", zL.Rows, _sizes[L]);

        // δᴸ = ∇_y C ⊙ f′(zᴸ)   (the caller's gradient is read, never written)
        Tensor<T> delta = outputGradient;
        if (Output != Activation.Identity)
        {
            _outputDelta = _outputDelta is { } d && d.Rows == zL.Rows ? d : new Tensor<T>(zL.Rows, _sizes[L]);
            Activations.Backward<T>(Output, zL.Span, _a[L]!.Span, outputGradient.Span, _outputDelta.Span, _sizes[L],
                ActivationParameter);
            delta = _outputDelta;
        }

        for (int l = L; ; l--)
        {
            // ∂C/∂wˡ += δˡ (aˡ⁻¹)ᵀ and ∂C/∂bˡ += δˡ; returns (wˡ)ᵀ δˡ = ∂C/∂aˡ⁻¹
            var back = _layers[l - 1].Backward(delta);
            if (l == 1) return back; // ∂C/∂x

            // δˡ⁻¹ = (wˡ)ᵀ δˡ ⊙ f′(zˡ⁻¹), in place in the dense layer's input-gradient workspace
            Activations.Backward<T>(Hidden, _z[l - 1]!.Span, _a[l - 1]!.Span, back.Span, back.Span, _sizes[l - 1],
                ActivationParameter);
            delta = back;
        }
    }
}
