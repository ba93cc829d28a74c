using Recurrent.Backends.Cpu;
using Recurrent.Parameters;

namespace Recurrent.Layers;

/// <summary>
/// A fully connected layer, PyTorch's nn.Linear: Y = X Wᵀ + b, rows are examples.
/// This is z = w a + b (docs/equations.md#dense) written for a batch of row vectors (z and a transposed).
/// Glossary: X input (B, I), Y output (B, O), W weight (O, I), b bias (O), dY = ∂C/∂Y, dX = ∂C/∂X.
/// </summary>
public sealed class Dense<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input;         // X (B, I), the caller's tensor
    private Tensor<T>? _output;        // Y (B, O)
    private Tensor<T>? _inputGradient; // dX (B, I)

    /// <summary>
    /// Declares "{prefix}weight" (outputs, inputs) and, with <paramref name="bias"/>, "{prefix}bias" (outputs) in
    /// <paramref name="parameters"/>, both initialised U(−1/√inputs, +1/√inputs) as PyTorch does.
    /// </summary>
    /// <param name="parameters">The model's parameter set, not yet sealed.</param>
    /// <param name="prefix">Name prefix, e.g. "0." for the first layer of a sequential model.</param>
    public Dense(ParameterSet<T> parameters, string prefix, int inputs, int outputs, bool bias = true)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        Inputs = inputs;
        Outputs = outputs;
        var init = new PyTorchDefaultInitializer(inputs);
        Weight = parameters.Add(prefix + "weight", [outputs, inputs], init);
        Bias = bias ? parameters.Add(prefix + "bias", [outputs], init) : null;
    }

    /// <summary>
    /// A layer whose weight is <paramref name="sharedWeight"/> (O, I), a parameter another layer declared (weight
    /// tying: an output layer reading an embedding matrix); declares only "{prefix}bias" (O), initialised 0. Backward
    /// accumulates into the shared gradient, so dW holds the sum of both layers' contributions.
    /// </summary>
    public Dense(ParameterSet<T> parameters, string prefix, Parameter<T> sharedWeight)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(sharedWeight);
        if (sharedWeight.Shape.Length != 2)
            throw new ArgumentException($"sharedWeight: expected (O, I), got rank {sharedWeight.Shape.Length}");
        Outputs = sharedWeight.Shape[0];
        Inputs = sharedWeight.Shape[1];
        Weight = sharedWeight;
        Bias = parameters.Add(prefix + "bias", [Outputs], new ConstantInitializer(0));
    }

    /// <summary>Input size I.</summary>
    public int Inputs { get; }

    /// <summary>Output size O.</summary>
    public int Outputs { get; }

    /// <summary>W (O, I).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>b (O), or null for a layer without bias.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>Y = X Wᵀ + b: the bias broadcast into Y, then one GEMM with transposed W accumulating onto
    /// it.</summary>
    /// <param name="input">X (B, I).</param>
    /// <returns>Y (B, O), a workspace valid until the next call.</returns>
    public Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ShapeCheck.Require(input, "input", "(B, I)", input.Rows, Inputs);
        _output = Workspace(_output, input.Rows, Outputs);
        Infer(input, _output);
        _input = input;
        return _output;
    }

    /// <summary>
    /// Y = X Wᵀ + b into the caller's <paramref name="output"/>, the arithmetic of <see cref="Forward"/> bit for bit,
    /// keeping nothing for <see cref="Backward"/> (which still sees the last Forward): for inference, e.g. one step of
    /// generation between training steps.
    /// </summary>
    /// <param name="input">X (B, I).</param>
    /// <param name="output">Y (B, O), overwritten.</param>
    public void Infer(Tensor<T> input, Tensor<T> output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ShapeCheck.Require(input, "input", "(B, I)", input.Rows, Inputs);
        int batch = input.Rows;
        ShapeCheck.Require(output, "output", "(B, O)", batch, Outputs);
        if (Bias is not null) // Y = b + X Wᵀ, each block of Y starting from b just before the product lands on it
            Gemm.MultiplyAddingRow(false, true, batch, Outputs, Inputs,
                T.One, input.Span, Inputs, Weight.Value.Span, Inputs, Bias.Value.Span, output.Span, Outputs);
        else
            Gemm.Multiply(false, true, batch, Outputs, Inputs,
                T.One, input.Span, Inputs, Weight.Value.Span, Inputs, T.Zero, output.Span, Outputs);
    }

    /// <summary>
    /// dW += dYᵀ X (∂C/∂w = δ aᵀ summed over the batch, docs/equations.md#dense), db += Σ_rows dY (∂C/∂b = δ),
    /// and returns dX = dY W (the wᵀδ of the layer below).
    /// </summary>
    /// <param name="outputGradient">dY (B, O) for the batch of the last <see cref="Forward"/>.</param>
    /// <returns>dX (B, I), a workspace valid until the next call.</returns>
    public Tensor<T> Backward(Tensor<T> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_input is null) throw new InvalidOperationException("Backward called before Forward");
        int batch = _input.Rows;
        ShapeCheck.Require(outputGradient, "output gradient", "(B, O)", batch, Outputs);
        var dY = outputGradient.Span;
        Gemm.Multiply(true, false, Outputs, Inputs, batch,
            T.One, dY, Outputs, _input.Span, Inputs, T.One, Weight.Gradient.Span, Inputs);
        if (Bias is not null)
        {
            ColumnSums.Add(Bias.Gradient.Span, dY, batch, Outputs); // db += Σ_r dY[r], each column in row order
        }
        _inputGradient = Workspace(_inputGradient, batch, Inputs);
        Gemm.Multiply(false, false, batch, Inputs, Outputs,
            T.One, dY, Outputs, Weight.Value.Span, Inputs, T.Zero, _inputGradient.Span, Inputs);
        return _inputGradient;
    }

    /// <summary>The workspace for this batch size: reused while B stays the same (the columns are fixed per
    /// layer).</summary>
    private static Tensor<T> Workspace(Tensor<T>? current, int rows, int columns) =>
        current is not null && current.Rows == rows ? current : new Tensor<T>(rows, columns);
}
