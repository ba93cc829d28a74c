using Recurrent.Layers;
using Recurrent.Losses;
using Recurrent.Models;
using Recurrent.Parameters;

namespace Recurrent.Lab.Vanishing;

/// <summary>
/// The deep network at initialisation (docs/equations.md#vanishing): an MLP of L hidden layers × W units
/// (activation f) and a 10-way softmax
/// cross-entropy output, fed images. For each hidden layer l and neuron j, ‖∂Div/∂w_j‖ is the norm of row j of layer
/// l's weight gradient (the neuron's incoming weights), from the batch gradient (mean cost over the images) and from
/// single-instance gradients (one image each; the mean of the per-image norms per neuron, so a ReLU unit that is off
/// for some images still shows). Initialisation (<see cref="MlpInit"/>): He normal (std √(2/fan_in)) for ReLU and ELU,
/// Glorot normal (std √(2/(fan_in + fan_out))) for sigmoid and tanh, the output layer Glorot normal; or PyTorch's
/// U(±1/√fan_in) everywhere. Biases zero. Computed in float32.
/// </summary>
public static class DeepMlpGradients
{
    /// <summary>The four activations of docs/equations.md#vanishing.</summary>
    public static readonly Activation[] ActivationsMeasured = [Activation.Elu, Activation.Relu, Activation.Sigmoid,
        Activation.Tanh];

    /// <summary>Per-neuron incoming-weight gradient norms, (layers, width) each: batch, and the mean over single
    /// instances of their norms.</summary>
    public sealed record Result(Activation Activation, double[,] Batch, double[,] Single);

    /// <param name="pixels">Images (count, inputs) row-major.</param>
    /// <param name="labels">Classes in [0, 10).</param>
    /// <param name="instances">How many of the images (from the first) give single-instance gradients.</param>
    public static Result Measure(Activation activation, float[] pixels, int[] labels, int inputs, int layers, int width,
        int instances, Random rng, MlpInit init = MlpInit.HeGlorot)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        int count = labels.Length;
        if (count == 0 || pixels.Length != count * inputs)
            throw new ArgumentException($"expected {count} × {inputs} pixels for {count} labels, got {pixels.Length}");
        if (layers < 1 || width < 1)
            throw new ArgumentException($"need at least one hidden layer of one unit, got {layers} × {width}");
        if (instances < 1 || instances > count)
            throw new ArgumentException($"instances must be in 1..{count}, got {instances}");
        var parameters = new ParameterSet<float>();
        int[] sizes = [inputs, .. Enumerable.Repeat(width, layers), 10];
        var mlp = new Mlp<float>(parameters, sizes, activation, Activation.Identity);
        parameters.Seal();
        IInitializer hidden = activation is Activation.Relu or Activation.Elu ? new HeNormalInitializer()
            : new GlorotNormalInitializer();
        for (int l = 0; l < mlp.Layers.Count; l++)
        {
            var weight = mlp.Layers[l].Weight;
            IInitializer initializer = init == MlpInit.PyTorch ? new PyTorchDefaultInitializer(sizes[l]) : l < layers
                ? hidden : new GlorotNormalInitializer();
            initializer.Fill(weight.Value.Span, weight.Shape, rng);
            mlp.Layers[l].Bias?.Value.Clear();
        }

        var batch = new double[layers, width];
        Gradient(mlp, parameters, Tensor<float>.From(pixels, count, inputs), labels);
        Norms(mlp, layers, width, batch);

        var single = new double[layers, width];
        for (int i = 0; i < instances; i++)
        {
            Gradient(mlp, parameters, Tensor<float>.From(pixels.AsSpan(i * inputs, inputs), 1, inputs),
                labels.AsSpan(i, 1));
            for (int l = 0; l < layers; l++)
                for (int j = 0; j < width; j++) single[l, j] += RowNorm(mlp.Layers[l].Weight.Gradient, j) / instances;
        }
        return new Result(activation, batch, single);
    }

    /// <summary>The median of <paramref name="values"/> (sorted in place); the mean of the middle two for an even
    /// count.</summary>
    public static double Median(double[] values)
    {
        Array.Sort(values);
        int n = values.Length;
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }

    private static void Gradient(Mlp<float> mlp, ParameterSet<float> parameters, Tensor<float> x,
        ReadOnlySpan<int> classes)
    {
        parameters.ZeroGradients();
        var logits = mlp.Forward(x);
        var dLogits = new Tensor<float>(logits.Shape);
        new SoftmaxCrossEntropy<float>().Compute(logits, classes, null, dLogits);
        mlp.Backward(dLogits);
    }

    private static void Norms(Mlp<float> mlp, int layers, int width, double[,] into)
    {
        for (int l = 0; l < layers; l++)
            for (int j = 0; j < width; j++) into[l, j] = RowNorm(mlp.Layers[l].Weight.Gradient, j);
    }

    private static double RowNorm(Tensor<float> gradient, int row)
    {
        double sum = 0;
        foreach (float g in gradient.Row(row)) sum += (double)g * g;
        return Math.Sqrt(sum);
    }
}
