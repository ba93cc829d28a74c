using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Losses;
using Recurrent.Parameters;

namespace Recurrent.Lab.Examples;

/// <summary>
/// The network of the worked example (docs/equations.md#memory-tasks), built from the library's own pieces in float64:
/// an <see cref="RnnCell{T}"/>
/// with identity activation and no bias run by a <see cref="RecurrentLayer{T}"/>, a <see cref="Dense{T}"/> head without
/// bias, and <see cref="SumSquaredError{T}"/> for J = Σ_t (y_t − ŷ_t)ᵀ(y_t − ŷ_t).
/// The material writes row vectors (h_t = h_{t−1} W + x_t U, ŷ_t = h_t V); the library stores PyTorch's column layout,
/// so weight_ih = Uᵀ, weight_hh = Wᵀ and head.weight = Vᵀ. The properties here speak the material's convention.
/// Glossary: T = 2 steps, B = 1 sequence, I = 3 (one-hot), H = 2 hidden units; U (I, H), W (H, H), V (H, I).
/// </summary>
public sealed class CountingNetwork
{
    /// <summary>Hidden size of the example.</summary>
    public const int HiddenSize = 2;

    /// <summary>Vocabulary size (one-hot width) of the example.</summary>
    public const int VocabularySize = 3;

    /// <summary>Steps of the example.</summary>
    public const int Steps = 2;

    private readonly RnnCell<double> _cell;
    private readonly RecurrentLayer<double> _layer;
    private readonly Dense<double> _head;
    private readonly SumSquaredError<double> _loss = new();
    private readonly Tensor<double> _input = new(Steps, 1, VocabularySize);  // x (T, B, I): one-hot 1, then zeros
    private readonly Tensor<double> _target = new(Steps, VocabularySize);    // y (T·B, I): one-hot 2, then 3
    private readonly Tensor<double> _outputGradient = new(Steps, VocabularySize); // ∂J/∂ŷ (T·B, I)

    /// <summary>Builds the network with the given weights (row-vector convention).</summary>
    /// <param name="u">U (3 × 2), input → hidden.</param>
    /// <param name="v">V (2 × 3), hidden → output.</param>
    /// <param name="w">W (2 × 2), hidden → hidden.</param>
    public CountingNetwork(double[][] u, double[][] v, double[][] w)
    {
        Parameters = new ParameterSet<double>();
        _cell = new RnnCell<double>(Parameters, VocabularySize, HiddenSize, Activation.Identity, bias: false);
        _layer = new RecurrentLayer<double>(_cell);
        _head = new Dense<double>(Parameters, "head.", HiddenSize, VocabularySize, bias: false);
        Parameters.Seal();
        U = u;
        V = v;
        W = w;
        _input[0, 0, 0] = 1;  // word 1 at t = 1; nothing at t = 2
        _target[0, 1] = 1;    // word 2 wanted at t = 1
        _target[1, 2] = 1;    // word 3 wanted at t = 2
    }

    /// <summary>The parameters (weight_ih, weight_hh, head.weight), e.g. for
    /// <see cref="Diagnostics.GradientChecker"/>.</summary>
    public ParameterSet<double> Parameters { get; }

    /// <summary>U (3 × 2) = weight_ihᵀ.</summary>
    public double[][] U
    {
        get => Transposed(_cell.WeightIh.Value);
        set => SetTransposed(_cell.WeightIh.Value, value, "U");
    }

    /// <summary>V (2 × 3) = head.weightᵀ.</summary>
    public double[][] V
    {
        get => Transposed(_head.Weight.Value);
        set => SetTransposed(_head.Weight.Value, value, "V");
    }

    /// <summary>W (2 × 2) = weight_hhᵀ.</summary>
    public double[][] W
    {
        get => Transposed(_cell.WeightHh.Value);
        set => SetTransposed(_cell.WeightHh.Value, value, "W");
    }

    /// <summary>∂J/∂U (3 × 2) from the last <see cref="ComputeGradients"/>.</summary>
    public double[][] GradientU => Transposed(_cell.WeightIh.Gradient);

    /// <summary>∂J/∂V (2 × 3) from the last <see cref="ComputeGradients"/>.</summary>
    public double[][] GradientV => Transposed(_head.Weight.Gradient);

    /// <summary>∂J/∂W (2 × 2) from the last <see cref="ComputeGradients"/>.</summary>
    public double[][] GradientW => Transposed(_cell.WeightHh.Gradient);

    /// <summary>Runs the two steps at the current weights and returns (h_1, h_2) and (ŷ_1, ŷ_2) as rows.</summary>
    public (double[][] Hidden, double[][] Outputs) Forward()
    {
        var hidden = _layer.Forward(_input);                                   // (T, B, H)
        var outputs = _head.Forward(hidden.Reshape(Steps, HiddenSize));        // (T·B, I)
        return (Rows(hidden.Reshape(Steps, HiddenSize)), Rows(outputs));
    }

    /// <summary>J at the current weights.</summary>
    public double Cost() => _loss.Compute(Outputs(), _target, null, null);

    /// <summary>RMSE = √(J / 6): the root mean square of y − ŷ over the 3 elements of both steps.</summary>
    public double Rmse() => Math.Sqrt(Cost() / (Steps * VocabularySize));

    /// <summary>Zeroes the gradients, then forward, J and BPTT; fills ∂J/∂(every parameter) and returns J.</summary>
    public double ComputeGradients()
    {
        Parameters.ZeroGradients();
        double cost = _loss.Compute(Outputs(), _target, null, _outputGradient);
        var dHidden = _head.Backward(_outputGradient);                         // (T·B, H)
        _layer.Backward(dHidden.Reshape(Steps, 1, HiddenSize));
        return cost;
    }

    private Tensor<double> Outputs() => _head.Forward(_layer.Forward(_input).Reshape(Steps, HiddenSize));

    private static double[][] Rows(Tensor<double> matrix)
    {
        var rows = new double[matrix.Rows][];
        for (int r = 0; r < rows.Length; r++) rows[r] = matrix.Row(r).ToArray();
        return rows;
    }

    /// <summary>The transpose of a stored (out, in) matrix as rows: the material's (in × out).</summary>
    private static double[][] Transposed(Tensor<double> stored)
    {
        int outs = stored.Dim(0), ins = stored.Dim(1);
        var rows = new double[ins][];
        for (int i = 0; i < ins; i++)
        {
            rows[i] = new double[outs];
            for (int o = 0; o < outs; o++) rows[i][o] = stored[o, i];
        }
        return rows;
    }

    private static void SetTransposed(Tensor<double> stored, double[][] rows, string name)
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        int outs = stored.Dim(0), ins = stored.Dim(1);
        if (rows.Length != ins || rows.Any(r => r is null || r.Length != outs))
            throw new ShapeMismatchException($"{name}: expected ({ins} × {outs}), got ({rows.Length} × " +
                $"{(rows.Length > 0 && rows[0] is not null ? rows[0].Length : 0)})");
        for (int i = 0; i < ins; i++)
            for (int o = 0; o < outs; o++) stored[o, i] = rows[i][o];
    }
}
