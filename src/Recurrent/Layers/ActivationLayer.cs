namespace Recurrent.Layers;

/// <summary>
/// An <see cref="Activation"/> as a layer without parameters: forward a = f(z), backward ∂C/∂z = ∂C/∂a ⊙ f′(z)
/// (softmax: its Jacobian, row-wise over the last dimension). Any shape; output and input gradient have the input's
/// shape.
/// </summary>
/// <remarks>Keeps a reference to the input of <see cref="Forward"/>: leave it unchanged until
/// <see cref="Backward"/>.</remarks>
public sealed class ActivationLayer<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input;         // z, the caller's tensor, any shape
    private Tensor<T>? _output;        // a = f(z), same shape as z
    private Tensor<T>? _inputGradient; // ∂C/∂z, same shape as z

    /// <param name="kind">Which nonlinearity.</param>
    /// <param name="parameter">Leaky ReLU slope or ELU α; 0 selects the default (0.01, 1.0). See
    /// <see cref="Activations"/>.</param>
    public ActivationLayer(Activation kind, double parameter = default)
    {
        Kind = kind;
        Parameter = Activations.ResolveParameter(kind, parameter);
    }

    /// <summary>The nonlinearity.</summary>
    public Activation Kind { get; }

    /// <summary>The slope or α in use (the default substituted for 0).</summary>
    public double Parameter { get; }

    /// <summary>a = f(z).</summary>
    public Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 0) throw new ShapeMismatchException("input: expected at least one dimension, got a scalar");
        _input = input;
        _output = Workspace(_output, input);
        Activations.Forward<T>(Kind, input.Span, _output.Span, input.Dim(input.Rank - 1), Parameter);
        return _output;
    }

    /// <summary>∂C/∂z = ∂C/∂a ⊙ f′(z); softmax: dz = a ⊙ (da − Σ a·da) per row.</summary>
    public Tensor<T> Backward(Tensor<T> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_input is null || _output is null) throw new InvalidOperationException("Backward called before Forward");
        ShapeCheck.Same(outputGradient, _output, "output gradient", "output");
        _inputGradient = Workspace(_inputGradient, _input);
        Activations.Backward<T>(Kind, _input.Span, _output.Span, outputGradient.Span, _inputGradient.Span,
            _input.Dim(_input.Rank - 1), Parameter);
        return _inputGradient;
    }

    /// <summary>Reuses <paramref name="current"/> while the input keeps its shape; allocates only when it
    /// changes.</summary>
    private static Tensor<T> Workspace(Tensor<T>? current, Tensor<T> like)
    {
        if (current is not null && current.Rank == like.Rank)
        {
            bool same = true;
            for (int d = 0; d < like.Rank && same; d++) same = current.Dim(d) == like.Dim(d);
            if (same) return current;
        }
        return new Tensor<T>(like.Shape);
    }
}
