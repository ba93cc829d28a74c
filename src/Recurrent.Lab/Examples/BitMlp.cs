using Recurrent.Layers;
using Recurrent.Losses;
using Recurrent.Models;
using Recurrent.Optimizers;
using Recurrent.Parameters;

namespace Recurrent.Lab.Examples;

/// <summary>
/// The fixed-width baseline of the bit tasks: an <see cref="Mlp{T}"/> (one tanh hidden layer, sigmoid outputs,
/// <see cref="BinaryCrossEntropy{T}"/>) whose input is the first W = trainLength steps of a sequence, zero-padded when
/// shorter, flattened to W·I values; its outputs are <see cref="IBitTask.MlpOutputs"/> target bits (the low N + 1 sum
/// bits, or the parity). Given a longer input it sees only that window: target bits beyond its outputs are predicted 0,
/// and the parity it outputs is that of the window. So on long inputs it is right only by chance.
/// Glossary: W window steps, I inputs per step, K outputs, B rows.
/// </summary>
public sealed class BitMlp
{
    private readonly Mlp<float> _mlp;
    private readonly BinaryCrossEntropy<float> _loss = new();
    private readonly IBitTask _task;
    private Tensor<float> _features = new(0, 1);   // (B, W·I)
    private Tensor<float> _targets = new(0, 1);    // (B, K)
    private Tensor<float> _gradient = new(0, 1);   // ∂C/∂outputs (B, K)

    /// <summary>Builds the MLP for inputs of up to <paramref name="trainLength"/> and initialises it from
    /// <paramref name="rng"/>.</summary>
    public BitMlp(IBitTask task, int trainLength, int hiddenSize, Random rng)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(rng);
        _task = task;
        Window = trainLength;
        Outputs = task.MlpOutputs(trainLength);
        Parameters = new ParameterSet<float>();
        _mlp = new Mlp<float>(Parameters, [Window * task.InputSize, hiddenSize, Outputs], Activation.Tanh,
            Activation.Sigmoid);
        Parameters.Initialize(rng);
    }

    /// <summary>W, the input steps the MLP sees.</summary>
    public int Window { get; }

    /// <summary>K, the target bits it predicts.</summary>
    public int Outputs { get; }

    /// <summary>The MLP's parameters.</summary>
    public ParameterSet<float> Parameters { get; }

    /// <summary>One training step on <paramref name="batch"/> (its inputs must fit the window). Returns the mean
    /// loss.</summary>
    public double TrainStep(BitBatch batch, IOptimizer<float> optimizer, double clipNorm)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(optimizer);
        Encode(batch);
        Parameters.ZeroGradients();
        float loss = _loss.Compute(_mlp.Forward(_features), _targets, null, _gradient);
        if (!float.IsFinite(loss))
            throw new InvalidOperationException($"MLP training diverged: the loss became {loss}; try a smaller " +
            $"learning rate");
        _mlp.Backward(_gradient);
        if (clipNorm > 0) GradientClipping.ClipByGlobalNorm(Parameters.Gradients, clipNorm);
        optimizer.Step(Parameters);
        return loss;
    }

    /// <summary>
    /// Predicted class of every step of every row (T·B, laid out as <see cref="BitBatch.Classes"/>) from the window:
    /// many-to-many, step t gets output t when t &lt; K and 0 beyond; many-to-one, each row's last step gets the one
    /// output.
    /// </summary>
    public int[] Predict(BitBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Encode(batch);
        var outputs = _mlp.Forward(_features);                 // (B, K) probabilities
        int rows = batch.BatchSize;
        var predicted = new int[batch.Classes.Length];
        for (int b = 0; b < rows; b++)
        {
            if (_task.ManyToOne)
            {
                predicted[(batch.Lengths[b] - 1) * rows + b] = outputs[b, 0] >= 0.5f ? 1 : 0;
                continue;
            }
            for (int t = 0; t < Math.Min(Outputs, batch.Steps); t++)
                predicted[t * rows + b] = outputs[b, t] >= 0.5f ? 1 : 0;
        }
        return predicted;
    }

    /// <summary>Features: the first W steps of each row; targets: the first K step targets (0 beyond the row), or the
    /// last one.</summary>
    private void Encode(BitBatch batch)
    {
        int rows = batch.BatchSize, inputSize = _task.InputSize, width = Window * inputSize;
        if (_features.Rows != rows)
        {
            _features = new Tensor<float>(rows, width);
            _targets = new Tensor<float>(rows, Outputs);
            _gradient = new Tensor<float>(rows, Outputs);
        }
        _features.Clear();
        _targets.Clear();
        var x = batch.Inputs;
        for (int b = 0; b < rows; b++)
        {
            for (int t = 0; t < Math.Min(Window, batch.Steps); t++)
                for (int i = 0; i < inputSize; i++) _features[b, t * inputSize + i] = x[t, b, i];
            int length = batch.Lengths[b];
            if (_task.ManyToOne) _targets[b, 0] = batch.Classes[(length - 1) * rows + b];
            else
                for (int t = 0; t < Math.Min(Outputs, length); t++) _targets[b, t] = batch.Classes[t * rows + b];
        }
    }
}
