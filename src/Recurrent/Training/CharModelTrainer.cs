using System.Diagnostics;
using Recurrent.Data;
using Recurrent.Distributed;
using Recurrent.Layers.Recurrent;
using Recurrent.Losses;
using Recurrent.Models;
using Recurrent.Optimizers;
using Recurrent.Parameters;

namespace Recurrent.Training;

/// <summary>
/// Trains a <see cref="CharLanguageModel{T}"/> (float) by truncated BPTT over B parallel streams (char-rnn's scheme):
/// each step takes the next (T, B) batch of <see cref="CharStreamBatcher"/>, runs Forward from the state the previous
/// batch left (zeros when the data wraps), Loss, Backward, clips the global gradient norm, and steps the optimizer at
/// η₀ · decay^epoch. Every <see cref="CharTrainingOptions.EvalEvery"/> steps it measures the validation loss
/// (<see cref="CharValidation"/>) and saves the last checkpoint (weights + state), and best.safetensors when the
/// validation loss is the lowest yet; at the end it also writes curve.csv and sample.txt (the CLI adds curve.svg, drawn
/// from <see cref="Curve"/>). A NaN or infinite loss or gradient, or a loss above
/// <see cref="CharTrainingOptions.DivergenceFactor"/> × the first one, throws <see cref="TrainingDivergedException"/>
/// before anything is saved. Resuming (<see cref="Resume(CharTrainingData, CharTrainingOptions, string, string)"/>)
/// restores every piece of state, so a run stopped and resumed ends with the weights of the run never stopped, bit for
/// bit. Given an <see cref="ICommunicator"/>, it trains data-parallel (see CharModelTrainer.Distributed.cs).
/// </summary>
public sealed partial class CharModelTrainer
{
    private readonly CharTrainingOptions _options;
    private readonly CharTrainingData _data;
    private readonly CharTrainingFiles _files;
    // _evaluator: a copy of the weights for validation and samples
    private readonly CharLanguageModel<float> _model, _evaluator;
    private readonly ResumableRandom _dropout;
    private readonly TrainingEngine _engine;                         // the step, the optimizer, the carried h and c
    private readonly CrossEntropyLoss<float> _loss = new();        // the model's loss: SoftmaxCrossEntropy on (T·B, V)
    private readonly CharStreamBatcher _batcher;
    private readonly LearningCurve _curve;
    private readonly CharRunInfo _run;
    private readonly DataParallel? _parallel;                       // null in one process
    private long _step;
    private double _initialLoss = double.NaN, _bestValidation = double.PositiveInfinity, _curveSum;
    private double _rateScale = 1; // the annealing so far: AnnealFactor^−k after k validations without a new best
    private int _curveCount;

    private CharModelTrainer(CharTrainingOptions options, CharTrainingData data, string outputDirectory,
        string? resumePath, ICommunicator? communicator)
    {
        options.Validate();
        _parallel = communicator is null ? null : new DataParallel(communicator, options.BatchSize);
        _parallel?.RequireSame(data.Sha256, "corpus (SHA-256 of the text)");
        _options = options;
        _data = data;
        _files = new CharTrainingFiles(outputDirectory);
        _run = CharRunInfo.For(options, data);
        var config = options.ModelConfig(data.Vocabulary.Count);
        _batcher =
            new CharStreamBatcher(data.Train, options.BatchSize, options.SequenceLength,
            $"the training part of {data.Source}");
        if (data.Validation.Length < 2)
            throw new InvalidDataException($"the validation part of {data.Source} has {data.Validation.Length} " +
            $"characters; need at least 2");
        var optimizer = OptimizerFactory.Create<float>(options.Optimizer, options.LearningRate);
        _dropout = new ResumableRandom(DropoutSeed(options.Seed, step: 0));
        if (resumePath is null)
        {
            var initialization = new ResumableRandom(options.Seed);
            _model = new CharLanguageModel<float>(config, initialization, _dropout);
            if (options.InitRange > 0) _model.InitializeEncoderDecoder(initialization, options.InitRange);
            _engine = Engine(_model, optimizer, options, _parallel);
            _curve = new LearningCurve();
        }
        else
        {
            var resume = _parallel is null ? CharTrainingFiles.ForResume(resumePath) : ShareCheckpoint(resumePath);
            var (state, model, vocabulary) = LoadCheckpoint(resume, _run, _dropout);
            if (!vocabulary.SequenceEqual(data.Vocabulary.Symbols))
                throw new InvalidDataException($"cannot resume: '{resume.Last}' has another vocabulary than " +
                $"{data.Source}");
            _model = model;
            _engine = Engine(_model, optimizer, options, _parallel);
            _step = state.Step;
            _batcher.Cursor = state.Cursor;
            _dropout.SetStateText(_parallel is { IsRoot: false }
                ? new ResumableRandom(DropoutSeed(options.Seed, _step)).GetStateText() : state.RandomState);
            optimizer.ImportState(state.GetOptimizer<float>());
            RestoreCarried(state);
            _curve = new LearningCurve(state.LossHistory);
            var progress = state.GetJson<CharRunProgress>(CharTrainingCheckpoint.ProgressKey);
            (_initialLoss, _bestValidation, _curveSum, _curveCount) = (progress.InitialLoss,
                progress.BestValidationLoss, progress.CurveSum, progress.CurveCount);
            _rateScale = progress.RateScale ?? 1;
        }
        if (_parallel is not null) _parallel.Broadcast(_model.Parameters.Values); // rank 0's weights, everywhere
        // Dropout is off in the evaluator (Training = false), so its seeded source is never drawn from.
        _evaluator =
            new CharLanguageModel<float>(config, initialization: null, new ResumableRandom(0)) { Training = false };
    }

    /// <summary>A new run on <paramref name="data"/>, saving into <paramref name="outputDirectory"/> (created on the
    /// first save).</summary>
    public static CharModelTrainer Start(CharTrainingData data, CharTrainingOptions options, string outputDirectory) =>
        new(options, data, outputDirectory, resumePath: null, communicator: null);

    /// <summary>Continues the run saved in <paramref name="resumePath"/> (its folder or a file in it); all checks
    /// happen here, before anything is written.</summary>
    public static CharModelTrainer Resume(CharTrainingData data, CharTrainingOptions options, string resumePath,
        string outputDirectory) =>
        new(options, data, outputDirectory, resumePath, communicator: null);

    /// <summary>The model being trained.</summary>
    public CharLanguageModel<float> Model => _model;

    /// <summary>The corpus, split and encoded.</summary>
    public CharTrainingData Data => _data;

    /// <summary>Where the files go.</summary>
    public CharTrainingFiles Files => _files;

    /// <summary>The learning curve so far (that of the resumed run's earlier steps included), as written to
    /// curve.csv.</summary>
    public IReadOnlyList<LossPoint> Curve => _curve.Points;

    /// <summary>Optimizer steps taken so far (more than 0 after a resume).</summary>
    public long Step => _step;

    /// <summary>Trains until the first limit of the options is reached (see the class summary), reporting every
    /// step.</summary>
    /// <exception cref="TrainingDivergedException">The loss diverged; the last checkpoint on disk is
    /// untouched.</exception>
    public CharTrainingReport Train(IProgress<CharTrainingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        int b = _options.BatchSize, t = _options.SequenceLength, local = _parallel?.LocalBatch ?? b;
        var inputs = new int[b * t];
        var targets = new int[b * t];
        // this rank's streams (all of them in one process)
        var (localInputs, localTargets) = _parallel is null ? (inputs, targets)
            : (new int[local * t], new int[local * t]);
        var targetIds = SequenceTargets<float>.Classes(localTargets);
        Action<double, double> guard = CheckDivergence;
        var clock = Stopwatch.StartNew();
        long startStep = _step;
        double lastMean = double.NaN;
        string? stop;
        while ((stop = StopReason(clock.Elapsed)) is null)
        {
            cancellation.ThrowIfCancellationRequested();
            double rate = _options.LearningRate * Math.Pow(_options.LearningRateDecay, _batcher.Cursor.Epoch)
                * _rateScale;
            if (_batcher.Next(inputs, targets)) _engine.ResetState();
            if (_parallel is not null)
            {
                _parallel.TakeShare(inputs, localInputs, t);
                _parallel.TakeShare(targets, localTargets, t);
                _parallel.StopVote = _options.Minutes is double budget && clock.Elapsed.TotalMinutes >= budget;
            }
            // forward from the carried state, loss, (allreduce,) backward, clip, guard, optimizer step; the final
            // state carried
            var (loss, norm, ratio) = _engine.StepTokens(localInputs, t, local, _loss, targetIds, rate, guard);
            _step++;
            _curveSum += loss;
            _curveCount++;

            double? validation = null;
            bool evaluate = _step % _options.EvalEvery == 0;
            if (evaluate)
            {
                validation = IsRoot ? Validate() : double.NaN;
                // PyTorch's word_language_model: no new best → lr /= factor (a factor of 1 never changes it). Rank 0
                // alone validates, so the other ranks take its verdict and every rank keeps the same rate.
                bool improved = validation < _bestValidation;
                if (_parallel is not null)
                {
                    Span<float> verdict = [improved ? 1f : 0f];
                    _parallel.Broadcast(verdict);
                    improved = verdict[0] != 0;
                }
                if (!improved) _rateScale /= _options.AnnealFactor;
            }
            if (evaluate || _step % _options.CurveEvery == 0) lastMean = FlushCurve(validation);
            if (evaluate) SaveCheckpoint(validation!.Value);
            if (!IsRoot) continue; // rank 0 alone samples and reports
            string? sample = _options.SampleEvery > 0 && _step % _options.SampleEvery == 0
                ? GenerateSample(_options.SampleLength) : null;
            progress?.Report(Progress(loss, norm, ratio, clock.Elapsed, startStep, validation, sample));
        }

        double final = _step > startStep && _step % _options.EvalEvery == 0 ? _curve.Points[^1].ValidationLoss!.Value
            : IsRoot ? Validate() : double.NaN;
        if (_step % _options.EvalEvery != 0 || _step == startStep)
        {
            if (_curveCount > 0) lastMean = FlushCurve(final);
            else _curve.Add(_step, _curve.Points.Count > 0 ? _curve.Points[^1].TrainLoss : double.NaN, final);
            SaveCheckpoint(final);
        }
        if (double.IsNaN(lastMean) && _curve.Points.Count > 0) lastMean = _curve.Points[^1].TrainLoss;
        string text = "";
        if (IsRoot)
        {
            _curve.WriteCsv(_files.CurveCsv);
            text = GenerateSample(_options.FinalSampleLength);
            File.WriteAllText(_files.Sample, text);
        }
        var cursor = _batcher.Cursor;
        return new CharTrainingReport(_step, EpochOf(cursor), _step - startStep, lastMean, final, _bestValidation,
            clock.Elapsed, stop, text, _files);
    }

    /// <summary>"lstm 2×128, one-hot" ("…, embedding 200, tied, words" for a word model), for titles and
    /// logs.</summary>
    public string Describe()
    {
        var c = _model.Config;
        string input = c.Embedding > 0 ? $"embedding {c.Embedding}" : "one-hot";
        if (c.TieWeights) input += ", tied";
        if (_options.Tokens.Kind == TokenKind.Words) input += ", words";
        return $"{CellKinds.Name(c.Model)} {c.NumLayers}×{c.HiddenSize}, {input}";
    }

    private static TrainingEngine Engine(CharLanguageModel<float> model, IOptimizer<float> optimizer,
        CharTrainingOptions options, DataParallel? parallel)
    {
        var engine = new TrainingEngine(model.Network, optimizer, options.GradientClip)
        {
            MeasureUpdates = true, Parallel = parallel,
        };
        engine.CarryState(parallel?.LocalBatch ?? options.BatchSize);
        return engine;
    }

    private string? StopReason(TimeSpan elapsed)
    {
        if (_options.MaxSteps is long steps && _step >= steps) return $"reached {steps} steps";
        if (_options.Epochs is int epochs && _batcher.Cursor.Epoch >= epochs) return $"completed {epochs} epochs";
        if (_options.Minutes is double minutes && (_parallel is null ? elapsed.TotalMinutes >= minutes
                : _parallel.AnyStop)) // all ranks stop at the same step, when any has spent its budget
            return $"reached the {minutes:0.##}-minute budget";
        return null;
    }

    private void CheckDivergence(double loss, double norm)
    {
        if (double.IsNaN(_initialLoss)) _initialLoss = loss;
        string? why = !double.IsFinite(loss) ? $"the training loss is {loss}"
            : !double.IsFinite(norm) ? $"the gradient norm is {norm}"
            : loss > _options.DivergenceFactor * _initialLoss
                ? $"the training loss {loss:F3} is above {_options.DivergenceFactor}× the starting loss " +
                $"{_initialLoss:F3}"
            : null;
        if (why is not null)
        {
            double rate = _engine.Optimizer.LearningRate;
            throw new TrainingDivergedException(
                $"training diverged at step {_step + 1}: {why}; stopped without saving, so the last checkpoint in " +
                    $"'{_files.Directory}' (if any) is intact.",
                rate, $" Try a lower LearningRate (now {rate:G3}) or a GradientClip.");
        }
    }

    private double Validate()
    {
        _model.Parameters.Values.CopyTo(_evaluator.Parameters.Values);
        double loss = CharValidation.Loss(_evaluator, _data.Validation, _options.BatchSize, _options.SequenceLength);
        if (!double.IsFinite(loss))
            throw new TrainingDivergedException($"training diverged at step {_step}: the validation loss is {loss}; " +
                $"stopped without saving, so the last checkpoint in '{_files.Directory}' (if any) is intact.");
        return loss;
    }

    private double FlushCurve(double? validation)
    {
        double mean = _curveSum / _curveCount;
        _curve.Add(_step, mean, validation);
        (_curveSum, _curveCount) = (0, 0);
        return mean;
    }

    private void SaveCheckpoint(double validation)
    {
        // every rank takes part
        var (h, c) = (Carried(_engine.Hidden!), _engine.Cell is { } cell ? Carried(cell) : null);
        if (!IsRoot) return; // rank 0 alone writes
        bool best = validation < _bestValidation;
        if (best) _bestValidation = validation;
        var state = new TrainingState();
        state.Step = _step;
        state.Epoch = _batcher.Cursor.Epoch;
        state.Cursor = _batcher.Cursor;
        state.RandomState = _dropout.GetStateText();
        state.LossHistory = _curve.Points;
        state.SetOptimizer(_engine.Optimizer.ExportState());
        state.SetHidden("h", h);
        if (c is not null) state.SetHidden("c", c);
        state.SetJson(CharTrainingCheckpoint.RunKey, _run);
        state.SetJson(CharTrainingCheckpoint.ProgressKey,
            new CharRunProgress(_initialLoss, _bestValidation, _curveSum, _curveCount,
                CharTrainingCheckpoint.WeightsHash(_model), _rateScale == 1 ? null : _rateScale));
        CharTrainingCheckpoint.Save(_files, _model, _data.Vocabulary, state);
        if (best) CharLanguageModelCheckpoint.Save(_model, _data.Vocabulary, _files.Best);
    }

    private string GenerateSample(int length)
    {
        _model.Parameters.Values.CopyTo(_evaluator.Parameters.Values);
        // a fresh stream per step: samples never disturb training
        var rng = new ResumableRandom(_options.Seed + 2L + _step);
        return CharTextGenerator.GenerateTokens(_evaluator, _data.Vocabulary, "", length,
            new SamplingOptions(_options.SampleTemperature), rng);
    }
}
