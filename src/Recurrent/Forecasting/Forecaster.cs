using System.Text.Json;
using Recurrent.Data;
using Recurrent.Losses;
using Recurrent.Sequences;

namespace Recurrent.Forecasting;

/// <summary>
/// Forecasts H values of a series at once from its last W values: each series is standardised with its own
/// <see cref="SeriesScale"/>, a recurrent encoder (RNN, LSTM or GRU) reads the W scaled values and a direct
/// multi-output head (a <see cref="SequenceModel"/> with a per-sequence head of H outputs) gives the H scaled
/// forecasts, which are scaled back; with <see cref="Differencing"/> the head forecasts the change from the naive
/// or seasonal-naive forecast instead. One model serves every series of its training file; the file of the model
/// holds the <see cref="ForecasterOptions"/>, the series' names and scales, so a loaded forecaster reads raw series.
/// <code>
/// var forecaster = Forecaster.Create(series, new ForecasterOptions { Horizon = 11, Season = 11 },
///     new SequenceModelOptions { HiddenSize = 32 });
/// forecaster.Train(series, new SequenceTrainerOptions { Epochs = 50, Patience = 10 });
/// double[] next = forecaster.Forecast(series[0]);                           // the H values after the series
/// ForecastEvaluation e = forecaster.Evaluate(fullSeries, windows: 5);       // model vs every baseline
/// </code>
/// </summary>
public sealed class Forecaster
{
    /// <summary>The key of the options in <see cref="SequenceModel.Properties"/>.</summary>
    public const string OptionsProperty = "forecast";

    /// <summary>The key of the series' names (a JSON array) in <see cref="SequenceModel.Properties"/>.</summary>
    public const string SeriesProperty = "forecast_series";

    private readonly SeriesScale[] _scales;
    private readonly string[] _names;

    /// <summary>Wraps a model that a forecaster saved (its properties and normalisation say what it
    /// forecasts).</summary>
    /// <exception cref="InvalidDataException">The model is not a forecaster's; the message says what is
    /// missing.</exception>
    public Forecaster(SequenceModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Properties.TryGetValue(OptionsProperty, out var json)
            || !model.Properties.TryGetValue(SeriesProperty, out var names)
            || !model.Normalization.TryGetValue("mean", out var mean)
            || !model.Normalization.TryGetValue("std", out var std))
            throw new InvalidDataException("the model is not a forecaster: expected the properties 'forecast' and " +
                "'forecast_series' and the normalization 'mean' and 'std'");
        Options = ForecasterOptions.FromJson(json);
        try { _names = JsonSerializer.Deserialize<string[]>(names) ?? throw new JsonException("null"); }
        catch (JsonException e) { throw new InvalidDataException($"forecast_series: {e.Message}", e); }
        if (mean.Length != _names.Length || std.Length != _names.Length)
            throw new InvalidDataException($"the forecaster has {_names.Length} series but {mean.Length} means and " +
                $"{std.Length} standard deviations");
        _scales = [.. mean.Zip(std, (m, s) => new SeriesScale(m, s))];
        var o = model.Options;
        int outputs = Options.Horizon * Options.QuantileCount;
        if (o.Input != InputKind.Features || o.InputSize != 1 || o.Head != HeadKind.PerSequence
            || o.OutputSize != outputs)
            throw new InvalidDataException($"the forecaster's network must read 1 feature and give H·Q = " +
                $"{outputs} values per sequence, got {o.InputSize} features and {o.OutputSize} outputs");
        Model = model;
    }

    /// <summary>
    /// A new forecaster of the series of <paramref name="train"/>: their scales are fitted on the values before the
    /// validation windows; the network is <paramref name="architecture"/> (cell, sizes …) with 1 input feature and a
    /// per-sequence head of H outputs.
    /// </summary>
    public static Forecaster Create(IReadOnlyList<TimeSeries> train, ForecasterOptions options,
        SequenceModelOptions architecture, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(architecture);
        options.Validate();
        if (train.Count == 0) throw new ArgumentException("expected at least one training series, got none");
        options = options with { Window = options.EffectiveWindow };
        if (options.Lag > options.Window)
            throw new ArgumentException($"Window: seasonal differencing reads the value m = {options.Season} steps " +
                $"back, so W must be at least m, got {options.Window}");
        foreach (var s in train) CheckLength(s, options);
        var scales = train.Select(s =>
            SeriesScale.Fit(s.Values.AsSpan(0, s.Length - options.ValidationWindows * options.Horizon))).ToArray();
        var model = new SequenceModel(architecture with
        {
            Input = InputKind.Features, InputSize = 1, Head = HeadKind.PerSequence,
            OutputSize = options.Horizon * options.QuantileCount,
        }, seed)
        {
            Normalization = new Dictionary<string, float[]>
            {
                ["mean"] = [.. scales.Select(s => (float)s.Mean)], ["std"] = [.. scales.Select(s => (float)s.Std)],
            },
            Properties = new Dictionary<string, string>
            {
                [OptionsProperty] = options.ToJson(),
                [SeriesProperty] = JsonSerializer.Serialize(train.Select(s => s.Name).ToArray()),
            },
        };
        return new Forecaster(model);
    }

    /// <summary>Loads a forecaster file, or a directory's best.safetensors (as <c>forecast train</c> writes).</summary>
    public static Forecaster Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string file = Directory.Exists(path) ? Path.Combine(path, "best.safetensors") : path;
        if (!File.Exists(file)) throw new FileNotFoundException($"forecaster file '{file}' not found", file);
        var model = SequenceModel.Load(file);
        try { return new Forecaster(model); }
        catch (InvalidDataException e) { throw new InvalidDataException($"model file '{file}': {e.Message}", e); }
    }

    /// <summary>The network and everything saved with it.</summary>
    public SequenceModel Model { get; }

    /// <summary>H, W (resolved), m, V and the columns.</summary>
    public ForecasterOptions Options { get; }

    /// <summary>The series the forecaster was trained on, in order.</summary>
    public IReadOnlyList<string> SeriesNames => _names;

    /// <summary>The scale of series <paramref name="name"/> (of the only series, whatever the name, when there is
    /// one).</summary>
    /// <exception cref="ArgumentException">A name the training data did not have.</exception>
    public SeriesScale ScaleOf(string name)
    {
        if (_scales.Length == 1) return _scales[0];
        int index = Array.IndexOf(_names, name);
        return index >= 0 ? _scales[index] : throw new ArgumentException(
            $"series '{name}' was not in the training data (its scale is unknown); expected one of " +
            $"[{string.Join(", ", _names)}]");
    }

    /// <summary>
    /// Trains on <paramref name="train"/> (the series <see cref="Create"/> saw): windows whose targets end before the
    /// last V·H values of each series, validated (early stopping, best checkpoint) on the windows inside them.
    /// The model keeps the last weights; the options' directory holds the best.
    /// </summary>
    public SequenceTrainingReport Train(IReadOnlyList<TimeSeries> train, SequenceTrainerOptions options,
        IProgress<SequenceTrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var (training, validation) = Datasets(train);
        return new SequenceTrainer(Model, TrainerOptions(Options, options)).Fit(training, validation, progress,
            cancellation);
    }

    /// <summary>The trainer's options for a forecaster: a quantile forecaster trains under the pinball loss of its
    /// levels (and early stopping follows the validation pinball loss); a point forecaster as given.</summary>
    /// <exception cref="ArgumentException">A quantile forecaster given another loss.</exception>
    private static SequenceTrainerOptions TrainerOptions(ForecasterOptions forecaster, SequenceTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (forecaster.Quantiles is not { } levels) return options;
        if (options.Loss is not (null or LossKind.Pinball))
            throw new ArgumentException($"Loss: a quantile forecaster trains under the pinball loss, got " +
                $"{options.Loss}");
        return options with { Loss = LossKind.Pinball, Quantiles = levels };
    }

    /// <summary>
    /// Continues the run saved in <paramref name="directory"/> (<see cref="SequenceTrainer.Resume"/>: its last weights,
    /// optimizer and shuffle state) on the same series under the run's own trainer options (but for its limits); it
    /// ends on the weights of the run never stopped, bit for bit. Returns the forecaster being trained and the report.
    /// </summary>
    /// <exception cref="InvalidDataException">The run's files are missing, damaged or not a forecaster's.</exception>
    public static (Forecaster Forecaster, SequenceTrainingReport Report) Resume(string directory,
        IReadOnlyList<TimeSeries> train, SequenceTrainerOptions options,
        IProgress<SequenceTrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        // the first load recovers a checkpoint pair a kill left half written and says what the model forecasts; the
        // trainer is then made again under the options that forecaster calls for (a pinball loss for quantiles)
        Forecaster forecaster;
        try { forecaster = new Forecaster(SequenceTrainer.Resume(directory, options).Model); }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"cannot resume from '{directory}': {e.Message}", e);
        }
        var trainer = SequenceTrainer.Resume(directory, TrainerOptions(forecaster.Options, options));
        forecaster = new Forecaster(trainer.Model);
        var (training, validation) = forecaster.Datasets(train);
        return (forecaster, trainer.Fit(training, validation, progress, cancellation));
    }

    /// <summary>The training and validation windows of <paramref name="train"/> (validation null when V = 0).</summary>
    public (SequenceDataset Train, SequenceDataset? Validation) Datasets(IReadOnlyList<TimeSeries> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        int w = Options.Window, h = Options.Horizon, tail = Options.ValidationWindows * h;
        var training = new List<SequenceExample>();
        var validation = new List<SequenceExample>();
        foreach (var s in train)
        {
            CheckLength(s, Options);
            float[] z = ScaleOf(s.Name).Apply(s.Values);
            int lag = Options.Lag, q = Options.QuantileCount;
            training.AddRange(ForecastWindows.Examples(z, w, h, w, s.Length - tail - h, s.Name, lag, q));
            if (tail > 0)
                validation.AddRange(ForecastWindows.Examples(z, w, h, s.Length - tail, s.Length - h, s.Name, lag,
                    q));
        }
        return (new SequenceDataset(training), validation.Count > 0 ? new SequenceDataset(validation) : null);
    }

    /// <summary>The H values after <paramref name="history"/> (at least W values), in the series' units.</summary>
    public double[] Forecast(TimeSeries history) => Forecast([history])[0];

    /// <summary>The H values after each history, batched through the network (a quantile forecaster's ½
    /// level).</summary>
    public double[][] Forecast(IReadOnlyList<TimeSeries> histories) =>
        [.. ForecastQuantiles(histories).Select(levels => levels[Options.MedianBlock])];

    /// <summary>
    /// The H values after each history at every quantile level, [series][level][step] (a point forecaster has one
    /// level). Where the network's levels cross at a step they are sorted, so level τ_q's forecast never exceeds
    /// τ_{q+1}'s (the rearrangement of Chernozhukov, Fernández-Val and Galichon, which never worsens the pinball loss).
    /// </summary>
    public double[][][] ForecastQuantiles(IReadOnlyList<TimeSeries> histories)
    {
        ArgumentNullException.ThrowIfNull(histories);
        int w = Options.Window, h = Options.Horizon, batch = histories.Count, levels = Options.QuantileCount;
        if (batch == 0) return [];
        var x = new float[w * batch]; // (W, B, 1), time-major
        var baselines = new float[batch][]; // (B, H): what the differencing takes away, 0 without
        for (int b = 0; b < batch; b++)
        {
            var s = histories[b];
            if (s.Length < w)
                throw new ArgumentException($"series{Named(s)} has {s.Length} values, expected at least the window " +
                    $"W = {w} to forecast from");
            float[] z = ScaleOf(s.Name).Apply(s.Values.AsSpan(s.Length - w));
            for (int t = 0; t < w; t++) x[t * batch + b] = z[t];
            baselines[b] = Options.Lag > 0 ? ForecastWindows.Baseline(z, h, Options.Lag) : new float[h];
        }
        float[] scores = Model.Predict(Tensor<float>.From(x, w, batch, 1)).Span.ToArray(); // (B, Q·H)
        var forecasts = new double[batch][][];
        for (int b = 0; b < batch; b++)
        {
            var scale = ScaleOf(histories[b].Name);
            forecasts[b] = new double[levels][];
            for (int q = 0; q < levels; q++)
            {
                var block = scores.AsSpan((b * levels + q) * h, h);
                for (int k = 0; k < h; k++) block[k] += baselines[b][k];
                forecasts[b][q] = scale.Invert(block);
            }
            var step = new double[levels];
            for (int k = 0; k < h && levels > 1; k++)
            {
                for (int q = 0; q < levels; q++) step[q] = forecasts[b][q][k];
                Array.Sort(step);
                for (int q = 0; q < levels; q++) forecasts[b][q][k] = step[q];
            }
        }
        return forecasts;
    }

    /// <summary>
    /// The forecaster and every baseline by rolling origin on the last <paramref name="windows"/> windows of H values
    /// of each series (<see cref="RollingOrigin"/>); usually the full file, whose end training never saw.
    /// </summary>
    public ForecastEvaluation Evaluate(IReadOnlyList<TimeSeries> series, int windows = 5)
    {
        ArgumentNullException.ThrowIfNull(series);
        int h = Options.Horizon, m = Options.Season;
        var model = RollingOrigin.Evaluate(series, h, windows, m, Forecast, minimumHistory: Options.Window);
        var evaluation = new ForecastEvaluation(model, RollingOrigin.Baselines(series, h, windows, m), windows, h, m);
        if (Options.Quantiles is not { } levels) return evaluation;
        // the interval [τ_1, τ_Q] of each window, forecast from the same history, and how often it held the actual
        var intervals = new List<ForecastWindow>();
        int inside = 0;
        for (int i = 0; i < model.Windows.Count; i++)
        {
            var window = model.Windows[i];
            var q = ForecastQuantiles([series[i / windows].Take(window.Origin)])[0];
            for (int k = 0; k < h; k++)
                if (q[0][k] <= window.Actual[k] && window.Actual[k] <= q[^1][k]) inside++;
            intervals.Add(window with { Lower = q[0], Upper = q[^1] });
        }
        return evaluation with
        {
            Model = model with { Windows = intervals },
            Interval = new ForecastInterval(levels[0], levels[^1], (double)inside / (intervals.Count * h)),
        };
    }

    private static void CheckLength(TimeSeries s, ForecasterOptions o)
    {
        int needed = o.EffectiveWindow + o.Horizon + o.ValidationWindows * o.Horizon;
        if (s.Length < needed)
            throw new ArgumentException($"series{Named(s)} has {s.Length} values, too short for a window of " +
                $"{o.EffectiveWindow} + a horizon of {o.Horizon}" + (o.ValidationWindows > 0
                    ? $" + {o.ValidationWindows} validation window(s) of {o.Horizon}" : "") +
                $": expected at least {needed}");
    }

    private static string Named(TimeSeries s) => s.Name.Length == 0 ? "" : $" '{s.Name}'";
}
