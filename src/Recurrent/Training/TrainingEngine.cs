using Recurrent.Data;
using Recurrent.Distributed;
using Recurrent.Losses;
using Recurrent.Optimizers;
using Recurrent.Sequences;

namespace Recurrent.Training;

/// <summary>
/// One training step on a <see cref="SequenceNetwork{T}"/> (float), the same for every trainer: set the learning
/// rate, zero the gradients, Forward, the loss and its gradient, Backward, clip the global gradient norm (or measure
/// it), let the trainer's guard refuse a non-finite or diverging step, and step the optimizer. For truncated BPTT over
/// parallel streams it also carries the state: each step starts from <see cref="Hidden"/>/<see cref="Cell"/> and
/// leaves the network's final state there (<see cref="CarryState"/>, <see cref="ResetState"/>).
/// </summary>
/// <remarks>
/// <see cref="SequenceTrainer"/> (sequence batches and token streams) and <see cref="CharModelTrainer"/> run their
/// steps here, so the arithmetic of a step is written once. The cadence around the steps (evaluation, checkpoints,
/// progress) stays with each trainer.
/// </remarks>
internal sealed class TrainingEngine
{
    private readonly SequenceNetwork<float> _network;
    private readonly double _gradientClip;
    private Tensor<float>? _gradient; // ∂C/∂outputs, the outputs' shape, when not written over them
    private float[]? _before;         // θ before the step, for the update ratio ‖Δθ‖ / ‖θ‖

    /// <param name="network">The network whose parameters are trained.</param>
    /// <param name="optimizer">The optimizer (its state is the trainer's to save and restore).</param>
    /// <param name="gradientClip">Clip the global gradient norm to this; 0 only measures it.</param>
    public TrainingEngine(SequenceNetwork<float> network, IOptimizer<float> optimizer, double gradientClip)
    {
        _network = network;
        Optimizer = optimizer;
        _gradientClip = gradientClip;
    }

    /// <summary>The optimizer.</summary>
    public IOptimizer<float> Optimizer { get; }

    /// <summary>The carried h (L, B, H), or null when no state is carried.</summary>
    public Tensor<float>? Hidden { get; private set; }

    /// <summary>The carried c (L, B, H) of an LSTM, else null.</summary>
    public Tensor<float>? Cell { get; private set; }

    /// <summary>Also measure ‖Δθ‖ / ‖θ‖ of every step (a copy of θ per step).</summary>
    public bool MeasureUpdates { get; init; }

    /// <summary>When set, the gradients are averaged over the ranks between Backward and the clip, and the loss the
    /// guard sees is the ranks' mean (<see cref="DataParallel.Reduce"/>).</summary>
    public DataParallel? Parallel { get; init; }

    /// <summary>Carries the state of <paramref name="batch"/> streams from step to step, starting from zeros.</summary>
    public void CarryState(int batch)
    {
        var o = _network.Options;
        int layers = o.NumLayers * (o.Bidirectional ? 2 : 1);
        Hidden = new Tensor<float>(layers, batch, o.HiddenSize);
        Cell = o.Cell == Layers.Recurrent.CellKind.Lstm ? new Tensor<float>(layers, batch, o.HiddenSize) : null;
    }

    /// <summary>Zeros the carried state (the streams start afresh).</summary>
    public void ResetState()
    {
        Hidden?.Clear();
        Cell?.Clear();
    }

    /// <summary>A step on a padded batch of sequences (no carried state).</summary>
    public StepOutcome Step(TimeMajorBatch batch, SequenceLoss<float> loss, SequenceTargets<float> targets,
        Tensor<float>? mask, double learningRate, Action<double, double> guard)
    {
        Begin(learningRate);
        var outputs = SequenceTrainerChecks.Forward(_network, batch);
        if (_gradient is null || !_gradient.HasShape(outputs.Shape)) _gradient = new Tensor<float>(outputs.Shape);
        return Finish(outputs, _gradient, loss, targets, mask, guard);
    }

    /// <summary>
    /// A data-parallel step on this rank's share of a batch (null when the share is empty: the rank still takes part
    /// in the sums and the update). The share's mean loss and gradient are weighed by its denominator
    /// (<see cref="DataParallel.ReduceWeighted"/>), so every rank steps on the gradient of the whole batch's mean.
    /// </summary>
    public StepOutcome StepShare(TimeMajorBatch? share, SequenceLoss<float> loss, HeadKind head, double learningRate,
        Action<double, double> guard)
    {
        Begin(learningRate);
        double value = 0, weight = 0;
        if (share is not null)
        {
            var outputs = SequenceTrainerChecks.Forward(_network, share);
            if (_gradient is null || !_gradient.HasShape(outputs.Shape)) _gradient = new Tensor<float>(outputs.Shape);
            var (targets, mask) = SequenceTrainerChecks.Targets(share, head);
            weight = loss.Denominator(outputs, targets, mask);
            value = loss.Compute(outputs, targets, mask, _gradient);
            _network.Backward(_gradient);
        }
        value = Parallel!.ReduceWeighted(_network.Parameters.Gradients, value, weight);
        return Update(value, guard);
    }

    /// <summary>
    /// A truncated-BPTT step on (T, B) token ids from the carried state (zeros when none is carried); ∂C/∂z is
    /// written over the logits (the loss reads each row before it writes it, and Backward does not read z).
    /// </summary>
    public StepOutcome StepTokens(ReadOnlySpan<int> inputs, int steps, int batch, SequenceLoss<float> loss,
        SequenceTargets<float> targets, double learningRate, Action<double, double> guard)
    {
        Begin(learningRate);
        var z = _network.ForwardTokens(inputs, steps, batch, default, Hidden, Cell); // (T, B, V)
        var outcome = Finish(z, z, loss, targets, null, guard);
        _network.FinalHidden.Span.CopyTo(Hidden!.Span);
        _network.FinalCell?.Span.CopyTo(Cell!.Span);
        return outcome;
    }

    private void Begin(double learningRate)
    {
        Optimizer.LearningRate = learningRate;
        _network.Parameters.ZeroGradients();
    }

    private StepOutcome Finish(Tensor<float> outputs, Tensor<float> gradient, SequenceLoss<float> loss,
        SequenceTargets<float> targets, Tensor<float>? mask, Action<double, double> guard)
    {
        var parameters = _network.Parameters;
        double value = loss.Compute(outputs, targets, mask, gradient);
        _network.Backward(gradient);
        if (Parallel is not null) value = Parallel.Reduce(parameters.Gradients, value);
        return Update(value, guard);
    }

    /// <summary>Clips (or measures) the gradient, lets the guard refuse the step, and steps the optimizer.</summary>
    private StepOutcome Update(double value, Action<double, double> guard)
    {
        var parameters = _network.Parameters;
        double norm = _gradientClip > 0
            ? GradientClipping.ClipByGlobalNorm<float>(parameters.Gradients, _gradientClip)
            : TensorPrimitives.Norm<float>(parameters.Gradients);
        guard(value, norm); // throws to stop before the weights change
        double ratio = double.NaN;
        if (MeasureUpdates)
        {
            _before ??= new float[parameters.Count];
            parameters.Values.CopyTo(_before);
        }
        Optimizer.Step(parameters);
        if (MeasureUpdates)
            ratio = TensorPrimitives.Distance<float>(parameters.Values, _before)
                / Math.Max(TensorPrimitives.Norm<float>(parameters.Values), 1e-30);
        return new StepOutcome(value, norm, ratio);
    }
}
