using System.Diagnostics;
using Recurrent.Data;
using Recurrent.Losses;
using Recurrent.Training;

namespace Recurrent.Sequences;

// The stream mode of SequenceTrainer: truncated BPTT over B parallel streams of one long token sequence.
public sealed partial class SequenceTrainer
{
    /// <summary>
    /// Trains a language model on one long sequence of token ids by truncated BPTT over
    /// <see cref="SequenceTrainerOptions.BatchSize"/> parallel streams, char-rnn's scheme (that of
    /// <c>recurrent train</c>): the ids are cut into B contiguous streams (<see cref="CharStreamBatcher"/>); each step
    /// takes the next <paramref name="sequenceLength"/> ids of every stream, predicts each next id (cross-entropy on
    /// per-step logits), starts from the state the previous step left (zeros when the streams wrap, which completes an
    /// epoch), and steps the optimizer at LearningRate · LearningRateDecay^epoch (or the
    /// <see cref="SequenceTrainerOptions.Schedule"/>). Stopped and resumed (<see cref="Resume"/>: the carried state is
    /// saved too) it ends with the weights of the run never stopped, bit for bit.
    /// </summary>
    /// <param name="train">The training ids, each in [0, V); B streams of at least T + 1 ids each.</param>
    /// <param name="validation">Ids to evaluate on (at least 2), or null. Their loss is the mean NLL per predicted id
    /// over min(B, ⌊N / (T + 1)⌋) streams run in chunks of T with the state carried, dropout off
    /// (<see cref="CharValidation"/>); it is also the metric that early stopping and best.safetensors follow
    /// (lower is better).</param>
    /// <param name="sequenceLength">T, the steps of one batch: how far back gradients flow.</param>
    /// <param name="progress">Reports every step.</param>
    /// <param name="cancellation">Stops after the current step; the last checkpoint is written first.</param>
    /// <remarks>The model must read tokens, have a per-step head with K = V outputs and run forward in time only.
    /// Evaluation happens every <see cref="SequenceTrainerOptions.EvaluateEvery"/> steps, or at every wrap when it is
    /// 0.</remarks>
    /// <exception cref="ArgumentException">The model, the ids or the options do not fit this mode.</exception>
    /// <exception cref="InvalidDataException">Too few training ids for B streams of T + 1.</exception>
    /// <exception cref="TrainingDivergedException">A loss, gradient or validation loss went NaN or infinite; the
    /// last checkpoint on disk is untouched.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the last checkpoint was written first.</exception>
    public SequenceTrainingReport FitStreams(int[] train, int[]? validation, int sequenceLength,
        IProgress<SequenceTrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequenceLength);
        if (validation is null && _options is { Epochs: null, MaxSteps: null, TimeBudget: null })
            throw new ArgumentException("no limit: Patience needs validation data to stop; give validation data, " +
                "Epochs, MaxSteps or a TimeBudget");
        if (_parallel is not null)
            throw new ArgumentException("Communicator: token streams do not train data-parallel here (recurrent " +
                "train does, through CharModelTrainer); leave it null for FitStreams");
        CheckStreams(train, validation);
        cancellation.ThrowIfCancellationRequested();
        _loss = new CrossEntropyLoss<float>(_options.LabelSmoothing);
        int b = _options.BatchSize, t = sequenceLength;
        var batcher = new CharStreamBatcher(train, b, t, "the training ids");
        if (_engine.Hidden is null) _engine.CarryState(b);
        // streams draw no shuffles, but a resume restores this source all the same
        _state = _state with { EpochShuffleState = _shuffle.GetStateText() };
        if (_state.StreamCursor is { } cursor)
        {
            batcher.Cursor = cursor;
            if (_resumedFile is { } file)
            {
                file.CopyHidden("h", _engine.Hidden!);
                if (_engine.Cell is { } c) file.CopyHidden("c", c);
                _resumedFile = null;
            }
        }
        // the evaluator reads the weights in place, dropout off
        var evaluator = validation is null ? null : new SequenceNetwork<float>(Model.Network);
        var inputs = new int[b * t];
        var targets = new int[b * t];
        var targetIds = SequenceTargets<float>.Classes(targets);
        var clock = Stopwatch.StartNew();
        long startStep = _state.Step;
        double? validationLoss = null;
        string? stop = StopReason(clock.Elapsed, batcher.BatchesPerEpoch);
        while (stop is null)
        {
            double rate = _options.Schedule?.At((int)Math.Min(_state.Step, int.MaxValue))
                ?? _options.LearningRate * Math.Pow(_options.LearningRateDecay, batcher.Cursor.Epoch);
            if (batcher.Next(inputs, targets)) _engine.ResetState();
            double loss = _engine.StepTokens(inputs, t, b, _loss, targetIds, rate, _guard).Loss;
            var position = batcher.Cursor;
            bool wrapped = position.Epoch > _state.Epoch;
            _state = _state with { Step = _state.Step + 1, Epoch = position.Epoch, BatchInEpoch = position.Position / t,
                StreamCursor = position, LossSum = _state.LossSum + loss, LossCount = _state.LossCount + 1 };
            bool evaluate = _options.EvaluateEvery > 0 ? _state.Step % _options.EvaluateEvery == 0 : wrapped;
            if (evaluate) validationLoss = EvaluateStreams(evaluator, validation, t);
            progress?.Report(new SequenceTrainingProgress(_state.Step, Epochs(batcher.BatchesPerEpoch), loss, rate,
                clock.Elapsed, evaluate ? validationLoss : null, evaluate ? validationLoss : null));
            if (cancellation.IsCancellationRequested)
            {
                Save();
                cancellation.ThrowIfCancellationRequested();
            }
            stop = StopReason(clock.Elapsed, batcher.BatchesPerEpoch);
        }
        double trainLoss = _state.LossCount > 0 ? _state.LossSum / _state.LossCount : double.NaN;
        if (validation is null) _checkpoint?.SaveBest(Model);
        Save();
        return new SequenceTrainingReport(_state.Step, _state.Step - startStep, Epochs(batcher.BatchesPerEpoch),
            trainLoss, validationLoss, validationLoss, _state.BestStep is null ? null : _state.Best, _state.BestStep,
            stop, clock.Elapsed);
    }

    /// <summary>The streaming validation loss (also the metric), judged and checkpointed.</summary>
    private double? EvaluateStreams(SequenceNetwork<float>? evaluator, int[]? validation, int sequenceLength)
    {
        if (evaluator is null || validation is null)
        {
            _state = _state with { LossSum = 0, LossCount = 0 };
            Save();
            return null;
        }
        double loss = StreamValidation.Loss(evaluator, validation, _options.BatchSize, sequenceLength);
        if (!double.IsFinite(loss))
            throw new TrainingDivergedException($"training diverged at step {_state.Step}: the validation loss is " +
                $"{loss}; stopped without saving, so the last checkpoint (if any) is intact");
        _state = _state with { LossSum = 0, LossCount = 0 };
        Judge(loss, higherIsBetter: false);
        return loss;
    }

    private void CheckStreams(int[] train, int[]? validation)
    {
        var o = Model.Options;
        if (o.Input != InputKind.Tokens || o.Head != HeadKind.PerStep || o.OutputSize != o.InputSize)
            throw new ArgumentException($"streams train a language model: expected token input and a per-step head " +
                $"with K = V outputs, the model has {o.Input} input (V = {o.InputSize}), a {o.Head} head and K = " +
                $"{o.OutputSize}");
        if (o.Bidirectional)
            throw new ArgumentException("streams carry the state forward in time: the model must not be bidirectional");
        if (_options.Loss is not (null or LossKind.CrossEntropy))
            throw new ArgumentException($"Loss: streams train with cross-entropy, got {_options.Loss}");
        if (_options.ClassWeights is not null)
            throw new ArgumentException("ClassWeights: streams train a language model, without class weights");
        if (_options.Metric is not null)
            throw new ArgumentException($"Metric: the metric of streams is the validation loss, got {_options.Metric}");
        if (validation is { Length: < 2 })
            throw new ArgumentException($"validation: expected at least 2 ids, got {validation.Length}");
        CheckIds(train, o.InputSize, "training ids");
        if (validation is not null) CheckIds(validation, o.InputSize, "validation ids");
    }

    private static void CheckIds(int[] ids, int vocabulary, string what)
    {
        for (int i = 0; i < ids.Length; i++)
            if ((uint)ids[i] >= (uint)vocabulary)
                throw new ArgumentException($"{what}: expected ids in [0, {vocabulary}), got {ids[i]} at {i}");
    }
}
