using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Losses;
using Recurrent.Optimizers;
using Recurrent.Parameters;

namespace Recurrent.Lab.Tasks;

/// <summary>
/// The network of the sequence tasks: a one-layer <see cref="RecurrentStack{T}"/> of the chosen cell (RNN with tanh,
/// LSTM with its forget-gate bias starting at 1, or GRU), a <see cref="TimeDistributed{T}"/> <see cref="Dense{T}"/>
/// head (ŷ_t = V h_t + c at every step, docs/equations.md#bptt) and the masked loss on the batch's counted rows:
/// <see cref="MeanSquaredError{T}"/> (½(ŷ − y)²) for value targets, <see cref="SoftmaxCrossEntropy{T}"/> for classes.
/// Metrics are in the tasks' units: the mean of (ŷ − y)² (twice the loss) for values, nats for classes.
/// Glossary: T steps, B rows, I inputs, H hidden size, O outputs.
/// </summary>
public sealed class SequenceTaskModel
{
    private readonly RecurrentStack<float> _stack;
    private readonly TimeDistributed<float> _head;
    private readonly MeanSquaredError<float> _squared = new();
    private readonly SoftmaxCrossEntropy<float> _crossEntropy = new();
    private Tensor<float> _outputGradient = new(0, 1); // ∂C/∂ŷ (T·B, O)

    /// <summary>Builds the network and initialises it from <paramref name="rng"/> (PyTorch's uniform
    /// defaults).</summary>
    public SequenceTaskModel(CellKind cell, int inputSize, int hiddenSize, int outputs, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Parameters = new ParameterSet<float>();
        _stack = new RecurrentStack<float>(Parameters,
            new RecurrentStackOptions(cell, inputSize, hiddenSize, ForgetBiasOne: cell == CellKind.Lstm));
        _head = new TimeDistributed<float>(new Dense<float>(Parameters, "head.", hiddenSize, outputs));
        Outputs = outputs;
        Parameters.Initialize(rng);
    }

    /// <summary>The stack's weight_ih_l0 … and head.weight, head.bias.</summary>
    public ParameterSet<float> Parameters { get; }

    /// <summary>O.</summary>
    public int Outputs { get; }

    /// <summary>
    /// One training step: forward, masked loss, BPTT, clip the global gradient norm to <paramref name="clipNorm"/>
    /// (0 = off), optimizer step. Returns the batch's metric before the update.
    /// </summary>
    public double TrainStep(SequenceBatch batch, IOptimizer<float> optimizer, double clipNorm)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(optimizer);
        Parameters.ZeroGradients();
        var outputs = Forward(batch);                                               // (T·B, O)
        if (_outputGradient.Rows != outputs.Rows) _outputGradient = new Tensor<float>(outputs.Rows, Outputs);
        double metric = Metric(batch, outputs, _outputGradient);
        if (!double.IsFinite(metric))
            throw new InvalidOperationException($"training diverged: the loss became {metric}; try a smaller " +
            $"learning rate");
        _stack.Backward(_head.Backward(_outputGradient.Reshape(batch.Steps, batch.BatchSize, Outputs)));
        if (clipNorm > 0) GradientClipping.ClipByGlobalNorm(Parameters.Gradients, clipNorm);
        optimizer.Step(Parameters);
        return metric;
    }

    /// <summary>The metric on <paramref name="batch"/> without training.</summary>
    public double Evaluate(SequenceBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Metric(batch, Forward(batch), null);
    }

    /// <summary>The most likely class of every row t·B + b (T·B), for classification tasks.</summary>
    public int[] Predict(SequenceBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var outputs = Forward(batch);
        var predicted = new int[outputs.Rows];
        for (int r = 0; r < predicted.Length; r++)
        {
            var row = outputs.Row(r);
            predicted[r] = TensorPrimitives.IndexOfMax<float>(row);
        }
        return predicted;
    }

    /// <summary>ŷ (T·B, O): the head applied to every step of the stack's output.</summary>
    private Tensor<float> Forward(SequenceBatch batch)
    {
        var hidden = _stack.Forward(batch.Inputs, batch.Lengths);                   // (T, B, H)
        return _head.Forward(hidden).Reshape(batch.Steps * batch.BatchSize, Outputs);
    }

    /// <summary>The masked loss in metric units, writing ∂C/∂ŷ into <paramref name="gradient"/> when given.</summary>
    private double Metric(SequenceBatch batch, Tensor<float> outputs, Tensor<float>? gradient)
    {
        if (batch.Classes is not null) return _crossEntropy.Compute(outputs, batch.Classes, batch.Mask, gradient);
        return 2.0 * _squared.Compute(outputs, batch.Values!, batch.Mask, gradient); // ½(ŷ − y)² → (ŷ − y)²
    }
}
