using System.Diagnostics;
using Recurrent.Data;
using Recurrent.Distributed;
using Recurrent.Losses;
using Recurrent.Optimizers;
using Recurrent.Parameters;
using Recurrent.Training;

namespace Recurrent.Sequences;

/// <summary>
/// Trains a <see cref="SequenceModel"/> on a <see cref="SequenceDataset"/>: epochs of shuffled, length-bucketed,
/// padded and masked batches; per batch the model's Forward, the loss (picked from the targets unless given), Backward,
/// gradient clipping and an optimizer step at the scheduled learning rate; evaluation on validation data, early
/// stopping on its metric, best and last checkpoints written atomically. Stopped at any limit (epochs, steps, time,
/// patience, cancellation) and resumed from its directory (<see cref="Resume"/>), it ends with the weights of the run
/// never stopped, bit for bit.
/// <code>
/// var trainer = new SequenceTrainer(model, new SequenceTrainerOptions { Epochs = 20, Patience = 3 });
/// SequenceTrainingReport report = trainer.Fit(train, validation, progress, cancellationToken);
/// </code>
/// </summary>
public sealed partial class SequenceTrainer
{
    private readonly SequenceTrainerOptions _options;
    private readonly TrainingEngine _engine; // the step: optimizer, clipping, the guard (and carried state for streams)
    private readonly ResumableRandom _shuffle;
    private readonly SequenceTrainerCheckpoint? _checkpoint;
    private SequenceTrainerState _state = new();
    private TrainingState? _resumedFile; // the state file of a resumed run, for a stream run's carried state
    private SequenceLoss<float>? _loss;
    private SequenceMetric<float>? _metric;
    private readonly Action<double, double> _guard;

    /// <summary>A new run of <paramref name="model"/> (its weights as they are) under
    /// <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An option out of range; the message names it.</exception>
    public SequenceTrainer(SequenceModel model, SequenceTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Model = model;
        _options = options;
        _parallel = options.Communicator is { } communicator ? new DataParallel(communicator) : null;
        _engine = new TrainingEngine(model.Network, OptimizerFactory.Create<float>(options.Optimizer,
            options.LearningRate), options.GradientClip) { Parallel = _parallel };
        _guard = RefuseNonFinite;
        _shuffle = new ResumableRandom(options.Seed);
        if (_parallel is not null)
        {
            _parallel.Broadcast(model.Parameters.Values); // every rank starts from rank 0's weights
            OwnDropout(step: 0);
        }
        if (options.CheckpointDirectory is { } directory && IsRoot)
            _checkpoint = new SequenceTrainerCheckpoint(directory);
    }

    /// <summary>
    /// Continues the run saved in <paramref name="directory"/> (its last.safetensors and last.state.safetensors) under
    /// <paramref name="options"/>, which should be the run's own but for its limits; its checkpoints go on being
    /// written there unless the options name another directory.
    /// </summary>
    /// <exception cref="InvalidDataException">The files are missing, damaged or do not belong together.</exception>
    public static SequenceTrainer Resume(string directory, SequenceTrainerOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(options);
        var (model, state, optimizer, file) = options.Communicator is { } communicator
            ? LoadShared(directory, communicator) : new SequenceTrainerCheckpoint(directory).Load();
        var trainer =
            new SequenceTrainer(model, options with { CheckpointDirectory = options.CheckpointDirectory ?? directory });
        trainer._state = state;
        trainer._resumedFile = file;
        trainer._shuffle.SetStateText(state.EpochShuffleState);
        trainer._engine.Optimizer.ImportState(optimizer);
        model.DropoutRandom?.SetStateText(state.DropoutState);
        if (trainer._parallel is not null) trainer.OwnDropout(state.Step);
        return trainer;
    }

    /// <summary>The model being trained.</summary>
    public SequenceModel Model { get; }

    /// <summary>Optimizer steps taken so far (more than 0 after a resume).</summary>
    public long Step => _state.Step;

    /// <summary>
    /// Trains until the first limit of the options (class summary), reporting every step.
    /// </summary>
    /// <param name="train">The training sequences; their inputs and targets must fit the model (checked first).</param>
    /// <param name="validation">Sequences to evaluate on (loss, metric, early stopping, best checkpoint), or
    /// null.</param>
    /// <exception cref="TrainingDivergedException">A loss or gradient went NaN or infinite; the last checkpoint on
    /// disk is untouched.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the last checkpoint was written first.</exception>
    public SequenceTrainingReport Fit(SequenceDataset train, SequenceDataset? validation = null,
        IProgress<SequenceTrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (validation is null && _options is { Epochs: null, MaxSteps: null, TimeBudget: null })
            throw new ArgumentException("no limit: Patience needs validation data to stop; give validation data, " +
                "Epochs, MaxSteps or a TimeBudget");
        cancellation.ThrowIfCancellationRequested();
        if (!IsRoot) progress = null; // rank 0 reports for all
        (_loss, _metric) = SequenceTrainerChecks.LossAndMetric(Model.Options, train, validation, _options);
        var batcher = new SequenceBatcher(train, Batching(_options.Shuffle), _shuffle);
        var clock = Stopwatch.StartNew();
        long startStep = _state.Step;
        double? validationLoss = null, validationMetric = null;
        string? stop = StopReason(clock.Elapsed, batcher.BatchCount);
        double lastLoss = double.NaN;
        while (stop is null)
        {
            // the plan of this epoch is drawn next
            _state = _state with { EpochShuffleState = _shuffle.GetStateText() };
            int index = 0, skip = _state.BatchInEpoch;
            foreach (var batch in NextEpoch(batcher))
            {
                if (index++ < skip) continue; // resumed inside this epoch: these batches were trained before the stop
                double loss = lastLoss = TrainStep(batch);
                _state = _state with { Step = _state.Step + 1, BatchInEpoch = index, LossSum = _state.LossSum + loss,
                    LossCount = _state.LossCount + 1 };
                bool evaluate = _options.EvaluateEvery > 0 && _state.Step % _options.EvaluateEvery == 0;
                if (evaluate) (validationLoss, validationMetric) = EvaluateShared(validation);
                progress?.Report(new SequenceTrainingProgress(_state.Step, Epochs(batcher.BatchCount), loss,
                    _engine.Optimizer.LearningRate, clock.Elapsed, evaluate ? validationLoss : null, evaluate
                        ? validationMetric : null));
                if (cancellation.IsCancellationRequested)
                {
                    Save();
                    cancellation.ThrowIfCancellationRequested();
                }
                if ((stop = StopReason(clock.Elapsed, batcher.BatchCount)) is not null) break;
            }
            if (stop is not null) break;
            // The epoch's order is drawn: a checkpoint from here on must resume with the next epoch's draw, not
            // replay this one (the kill harness found a run resumed at an epoch's end taking its order twice).
            _state = _state with
            {
                Epoch = _state.Epoch + 1, BatchInEpoch = 0, EpochShuffleState = _shuffle.GetStateText(),
            };
            if (_options.EvaluateEvery == 0)
            {
                (validationLoss, validationMetric) = EvaluateShared(validation);
                // the end-of-epoch evaluation is reported too, so a caller can show validation once per epoch
                if (validation is not null)
                    progress?.Report(new SequenceTrainingProgress(_state.Step, Epochs(batcher.BatchCount),
                        lastLoss, _engine.Optimizer.LearningRate, clock.Elapsed, validationLoss, validationMetric));
            }
            stop = StopReason(clock.Elapsed, batcher.BatchCount);
        }
        double trainLoss = _state.LossCount > 0 ? _state.LossSum / _state.LossCount : double.NaN;
        if (validation is null) _checkpoint?.SaveBest(Model);
        Save();
        return new SequenceTrainingReport(_state.Step, _state.Step - startStep, Epochs(batcher.BatchCount), trainLoss,
            validationLoss, validationMetric, _state.BestStep is null ? null
                : _state.Best, _state.BestStep, stop, clock.Elapsed);
    }

    private double TrainStep(TimeMajorBatch? batch)
    {
        if (_parallel is not null)
            return _engine.StepShare(batch, _loss!, Model.Options.Head, LearningRate(), _guard).Loss;
        var (targets, mask) = SequenceTrainerChecks.Targets(batch!, Model.Options.Head);
        return _engine.Step(batch!, _loss!, targets, mask, LearningRate(), _guard).Loss;
    }

    /// <summary>The schedule's rate at this step, else LearningRate · LearningRateDecay^epoch.</summary>
    private double LearningRate() => _options.Schedule?.At((int)Math.Min(_state.Step, int.MaxValue))
        ?? _options.LearningRate * Math.Pow(_options.LearningRateDecay, _state.Epoch);

    private void RefuseNonFinite(double loss, double norm)
    {
        if (!double.IsFinite(loss) || !double.IsFinite(norm))
            throw new TrainingDivergedException(
                $"training diverged at step {_state.Step + 1}: the loss is {loss} and the gradient norm {norm}; " +
                    $"stopped " +
                "without saving, so the last checkpoint (if any) is intact", _engine.Optimizer.LearningRate,
                "Try a lower LearningRate or a GradientClip.");
    }

    /// <summary>The validation loss and metric over every validation sequence (exact means, not batch means).</summary>
    private (double? Loss, double? Metric) Evaluate(SequenceDataset? validation)
    {
        if (validation is null)
        {
            _state = _state with { LossSum = 0, LossCount = 0 };
            Save();
            return (null, null);
        }
        var batcher =
            new SequenceBatcher(validation, Batching(shuffle: false) with { BucketBatches = 0 }, new Random(0));
        var accumulator = _metric!.CreateAccumulator();
        double lossSum = 0, count = 0;
        foreach (var batch in batcher.NextEpoch())
        {
            var outputs = batch.Features is { } x
                ? Model.Predict(x, batch.Lengths)
                : Model.PredictTokens(batch.TokenIds, batch.Steps, batch.Size, batch.Lengths);
            var (targets, mask) = SequenceTrainerChecks.Targets(batch, Model.Options.Head);
            double rows = mask is null ? batch.Size : TensorPrimitives.Sum<float>(mask.Span);
            // a batch's mean weighs by its denominator: the counted rows, or their total class weight
            rows = _loss!.ClassDenominator(targets.ClassIds.Span, mask, targets.ClassIds.Length,
                Model.Options.OutputSize, rows);
            lossSum += _loss!.Compute(outputs, targets, mask) * rows;
            count += rows;
            accumulator.Add(outputs, targets, mask);
        }
        double loss = count > 0 ? lossSum / count : 0, metric = accumulator.Value;
        Judge(metric, higherIsBetter: _metric.Kind == MetricKind.Accuracy);
        return (loss, metric);
    }

    /// <summary>Records an evaluation's metric (best, patience), saves the best and the last checkpoints.</summary>
    private void Judge(double metric, bool higherIsBetter)
    {
        bool better = _state.BestStep is null || (higherIsBetter
            ? metric > _state.Best + _options.MinImprovement
            : metric < _state.Best - _options.MinImprovement);
        _state = better
            ? _state with { Best = metric, BestStep = _state.Step, Stale = 0 }
            : _state with { Stale = _state.Stale + 1 };
        _state = _state with { LossSum = 0, LossCount = 0 };
        if (better) _checkpoint?.SaveBest(Model);
        Save();
    }

    private string? StopReason(TimeSpan elapsed, int batchesPerEpoch)
    {
        if (_options.MaxSteps is long steps && _state.Step >= steps) return $"reached {steps} steps";
        if (_options.Epochs is int epochs && _state.Epoch >= epochs) return $"completed {epochs} epochs";
        if (_options.Patience is int patience && _state.Stale >= patience)
            return $"the validation metric did not improve in {patience} evaluations (best {_state.Best:G5} at step " +
                $"{_state.BestStep})";
        if (_options.TimeBudget is TimeSpan budget && BudgetSpent(elapsed, budget))
            return $"reached the time budget of {budget}";
        return batchesPerEpoch == 0 ? "no batches: the training set is empty" : null;
    }

    private void Save()
    {
        if (_checkpoint is null) return;
        _state = _state with { DropoutState = Model.DropoutRandom?.GetStateText() ?? "" };
        _checkpoint.SaveLast(Model, _state, _engine.Optimizer.ExportState(), _engine.Hidden, _engine.Cell);
    }

    private double Epochs(int batchesPerEpoch) =>
        _state.Epoch + (batchesPerEpoch == 0 ? 0 : (double)_state.BatchInEpoch / batchesPerEpoch);

    private SequenceBatcherOptions Batching(bool shuffle) =>
        new() { BatchSize = _options.BatchSize, Shuffle = shuffle, BucketBatches = _options.BucketBatches };
}
