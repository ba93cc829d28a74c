using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Losses;
using Recurrent.Optimizers;
using Recurrent.Parameters;

namespace Recurrent.Lab.Examples;

/// <summary>
/// The RNN of the bit tasks: a tanh <see cref="RnnCell{T}"/> run by a <see cref="RecurrentLayer{T}"/>, a
/// <see cref="Dense{T}"/> head giving two logits per step, and <see cref="SoftmaxCrossEntropy{T}"/> over the batch's
/// masked rows (every real step for many-to-many, the last one for many-to-one). It reads any length.
/// Glossary: T steps, B rows, I inputs per step, H hidden size.
/// </summary>
public sealed class BitRnn
{
    private readonly RecurrentLayer<float> _layer;
    private readonly Dense<float> _head;
    private readonly SoftmaxCrossEntropy<float> _loss = new();
    private Tensor<float> _logitGradient = new(0, 2); // ∂C/∂logits (T·B, 2)

    /// <summary>Builds the network and initialises it from <paramref name="rng"/> (PyTorch's uniform
    /// defaults).</summary>
    public BitRnn(int inputSize, int hiddenSize, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Parameters = new ParameterSet<float>();
        _layer = new RecurrentLayer<float>(new RnnCell<float>(Parameters, inputSize, hiddenSize, Activation.Tanh));
        _head = new Dense<float>(Parameters, "head.", hiddenSize, 2);
        Parameters.Initialize(rng);
    }

    /// <summary>weight_ih, weight_hh, bias_ih, bias_hh, head.weight, head.bias.</summary>
    public ParameterSet<float> Parameters { get; }

    /// <summary>One training step on <paramref name="batch"/>: forward, loss, BPTT, clip the global norm, optimizer
    /// step. Returns the mean loss.</summary>
    /// <param name="clipNorm">Largest global gradient norm; 0 turns clipping off.</param>
    public double TrainStep(BitBatch batch, IOptimizer<float> optimizer, double clipNorm)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(optimizer);
        Parameters.ZeroGradients();
        var logits = Logits(batch);                                                        // (T·B, 2)
        if (_logitGradient.Rows != logits.Rows) _logitGradient = new Tensor<float>(logits.Rows, 2);
        float loss = _loss.Compute(logits, batch.Classes, batch.Mask, _logitGradient);
        if (!float.IsFinite(loss))
            throw new InvalidOperationException($"RNN training diverged: the loss became {loss}; try a smaller " +
            $"learning rate");
        var dHidden = _head.Backward(_logitGradient);                                      // (T·B, H)
        _layer.Backward(dHidden.Reshape(batch.Steps, batch.BatchSize, _layer.HiddenSize));
        if (clipNorm > 0) GradientClipping.ClipByGlobalNorm(Parameters.Gradients, clipNorm);
        optimizer.Step(Parameters);
        return loss;
    }

    /// <summary>The predicted class of every step of every row (T·B, laid out as
    /// <see cref="BitBatch.Classes"/>).</summary>
    public int[] Predict(BitBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var logits = Logits(batch);
        var predicted = new int[logits.Rows];
        for (int r = 0; r < predicted.Length; r++) predicted[r] = logits[r, 1] > logits[r, 0] ? 1 : 0;
        return predicted;
    }

    private Tensor<float> Logits(BitBatch batch)
    {
        var hidden = _layer.Forward(batch.Inputs, batch.Lengths);                          // (T, B, H)
        return _head.Forward(hidden.Reshape(batch.Steps * batch.BatchSize, _layer.HiddenSize));
    }
}
