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
public sealed partial class Forecaster
{
    /// <summary>The key of the options in <see cref="SequenceModel.Properties"/>.</summary>
    public const string OptionsProperty = "forecast";

    /// <summary>The key of the series' names (a JSON array) in <see cref="SequenceModel.Properties"/>.</summary>
    public const string SeriesProperty = "forecast_series";

    /// <summary>The keys of the covariates' scales (S·C values, series-major) in
    /// <see cref="SequenceModel.Normalization"/>.</summary>
    public const string CovariateMean = "covariate_mean", CovariateStd = "covariate_std";

    private readonly SeriesScale[] _scales;
    private readonly SeriesScale[][] _covariateScales; // [series][covariate]
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
        int c = Options.Covariates;
        float[] cm = [], cs = [];
        if (c > 0 && (!model.Normalization.TryGetValue(CovariateMean, out cm!)
                || !model.Normalization.TryGetValue(CovariateStd, out cs!) || cm.Length != _names.Length * c
                || cs.Length != _names.Length * c))
            throw new InvalidDataException($"the forecaster reads {c} covariates of {_names.Length} series: expected " +
                $"the normalization '{CovariateMean}' and '{CovariateStd}' of {_names.Length * c} values each");
        _covariateScales = [.. Enumerable.Range(0, _names.Length).Select(i => Enumerable.Range(0, c)
            .Select(k => new SeriesScale(cm[i * c + k], cs[i * c + k])).ToArray())];
        var o = model.Options;
        int outputs = Options.Horizon * Options.QuantileCount;
        if (o.Input != InputKind.Features || o.InputSize != Options.InputSize || o.Head != HeadKind.PerSequence
            || o.OutputSize != outputs)
            throw new InvalidDataException($"the forecaster's network must read F = {Options.InputSize} features " +
                $"and give H·Q = {outputs} values per sequence, got {o.InputSize} features and {o.OutputSize} outputs");
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
        int fitted(TimeSeries s) => s.Length - options.ValidationWindows * options.Horizon;
        var scales = train.Select(s => SeriesScale.Fit(s.Values.AsSpan(0, fitted(s)))).ToArray();
        foreach (var s in train)
            if (s.Covariates.Length != options.Covariates)
                throw new ArgumentException($"series{Named(s)} has {s.Covariates.Length} covariates, expected " +
                    $"C = {options.Covariates}");
        var covariates = train.SelectMany(s => s.Covariates.Select(x => SeriesScale.Fit(x.AsSpan(0, fitted(s)))))
            .ToArray();
        var normalization = new Dictionary<string, float[]>
        {
            ["mean"] = [.. scales.Select(s => (float)s.Mean)], ["std"] = [.. scales.Select(s => (float)s.Std)],
        };
        if (options.Covariates > 0)
        {
            normalization[CovariateMean] = [.. covariates.Select(s => (float)s.Mean)];
            normalization[CovariateStd] = [.. covariates.Select(s => (float)s.Std)];
        }
        var model = new SequenceModel(architecture with
        {
            Input = InputKind.Features, InputSize = options.InputSize, Head = HeadKind.PerSequence,
            OutputSize = options.Horizon * options.QuantileCount,
        }, seed)
        {
            Normalization = normalization,
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
    public SeriesScale ScaleOf(string name) => _scales[IndexOf(name)];

    private int IndexOf(string name)
    {
        if (_scales.Length == 1) return 0;
        int index = Array.IndexOf(_names, name);
        return index >= 0 ? index : throw new ArgumentException(
            $"series '{name}' was not in the training data (its scale is unknown); expected one of " +
            $"[{string.Join(", ", _names)}]");
    }

    /// <summary>The scales of series <paramref name="name"/>'s covariates (as <see cref="ScaleOf"/>).</summary>
    public IReadOnlyList<SeriesScale> CovariateScalesOf(string name) => _covariateScales[IndexOf(name)];

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
        int f = Options.InputSize;
        var x = new float[w * batch * f]; // (W, B, F), time-major
        var baselines = new float[batch][]; // (B, H): what the differencing takes away, 0 without
        for (int b = 0; b < batch; b++)
        {
            var s = histories[b];
            if (s.Length < w)
                throw new ArgumentException($"series{Named(s)} has {s.Length} values, expected at least the window " +
                    $"W = {w} to forecast from");
            float[] z = ScaleOf(s.Name).Apply(s.Values.AsSpan(s.Length - w));
            float[] rows = ForecastInputs.Rows(s, z, CovariateScalesOf(s.Name), Options.Calendar, s.Length - w, w);
            for (int t = 0; t < w; t++) rows.AsSpan(t * f, f).CopyTo(x.AsSpan((t * batch + b) * f, f));
            baselines[b] = Options.Lag > 0 ? ForecastWindows.Baseline(z, h, Options.Lag) : new float[h];
        }
        float[] scores = Model.Predict(Tensor<float>.From(x, w, batch, f)).Span.ToArray(); // (B, Q·H)
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
    public ForecastEvaluation Evaluate(IReadOnlyList<TimeSeries> series, int windows = 5) =>
        Evaluate(series, windows, Options, ForecastQuantiles);

    /// <summary>The evaluation of any forecaster of <paramref name="options"/> given by its quantile forecasts (one
    /// level for a point forecaster): rolling origin for the point forecast, every baseline, and the interval's
    /// coverage when there are quantile levels.</summary>
    internal static ForecastEvaluation Evaluate(IReadOnlyList<TimeSeries> series, int windows,
        ForecasterOptions options, Func<IReadOnlyList<TimeSeries>, double[][][]> quantiles)
    {
        ArgumentNullException.ThrowIfNull(series);
        int h = options.Horizon, m = options.Season, median = options.MedianBlock;
        var model = RollingOrigin.Evaluate(series, h, windows, m, history => quantiles([history])[0][median],
            minimumHistory: options.Window);
        var evaluation = new ForecastEvaluation(model, RollingOrigin.Baselines(series, h, windows, m), windows, h, m);
        if (options.Quantiles is not { } levels) return evaluation;
        // the interval [τ_1, τ_Q] of each window, forecast from the same history, and how often it held the actual
        var intervals = new List<ForecastWindow>();
        int inside = 0;
        for (int i = 0; i < model.Windows.Count; i++)
        {
            var window = model.Windows[i];
            var q = quantiles([series[i / windows].Take(window.Origin)])[0];
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
