using System.CommandLine;
using System.Globalization;
using Recurrent.Forecasting;
using Recurrent.Layers.Recurrent;
using Recurrent.Losses;
using Recurrent.Optimizers;
using Recurrent.Sequences;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent forecast train</c>: reads series from a CSV, holds out the last --valid-windows windows of each for
/// validation (early stopping, best checkpoint), trains a direct H-step forecaster, leaves best.safetensors and
/// last.safetensors in --out.
/// </summary>
public static class ForecastTrainCommand
{
    public static Command Create(CliContext context)
    {
        var d = new ForecastTrainOptions();
        var data =
            new Option<string>("--data") { Description = "CSV with a header, one row per step", Required = true };
        var column = new Option<string>("--column") { Description = "The column to forecast", Required = true };
        var dateColumn = new Option<string?>("--date-column") { Description = "A date/time column (plots, dates)" };
        var seriesColumn = new Option<string?>("--series-column")
        {
            Description = "A column naming the series of each row, for several series in one file",
        };
        var horizon = OptionFactory.OptionalPositiveInt("--horizon", "H, the steps forecast at once (required " +
            "unless --resume)");
        var season = OptionFactory.PositiveInt("--season", "m, the season length (1 = none)", d.Season);
        var window = OptionFactory.OptionalPositiveInt("--window", "W, the past steps the model reads " +
            "[default: 2·max(H, m)]");
        var validWindows = new Option<int>("--valid-windows")
        {
            Description = "Windows of H steps at the end of each series held out to validate (0 = none)",
            DefaultValueFactory = _ => d.ValidWindows,
        };
        var difference = OptionFactory.Choice("--difference", "Forecast the change from the last value (first) or " +
            "from one season earlier (seasonal) instead of the value", d.Difference, "none", "first", "seasonal");
        var covariates = new Option<string?>("--covariates")
        {
            Description = "Columns read beside the value at each step, e.g. temp,price: the model sees their past " +
                "values (up to the forecast origin), never future ones",
        };
        var calendar = new Option<bool>("--calendar")
        {
            Description = "Also read day of week and day of year (as sine and cosine) of each step's ISO date " +
                "(--date-column, yyyy-MM-dd)",
        };
        var ensemble =
            OptionFactory.PositiveInt("--ensemble", "Train N forecasters from seeds --seed … --seed + N − 1 " +
            "into --out/member-1 … member-N; eval and predict average their forecasts", d.Ensemble);
        var quantiles = new Option<string?>("--quantiles")
        {
            Description = "Quantile levels in (0, 1), one of them 0.5, e.g. 0.1,0.5,0.9: the head forecasts each " +
                "under the pinball loss, 0.5 is the point forecast and the outer two the prediction interval",
        };
        var output = new Option<string?>("--out")
        {
            Description = "Folder for the checkpoints [default: the --resume folder]",
        };
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue the run saved in this folder (give the run's training flags again; H, W, m and " +
                "the columns come from its checkpoint)",
        };
        var minutes = OptionFactory.OptionalPositiveNumber("--minutes", "Stop after this many minutes");
        var epochs = OptionFactory.OptionalPositiveInt("--epochs",
            $"Stop after this many epochs [default: {ForecastTrainOptions.DefaultEpochs} without --minutes]");
        var model = OptionFactory.Choice("--model", "Recurrent cell", d.Model, CommandLineCells.Names);
        var hidden = OptionFactory.PositiveInt("--hidden", "Units per layer", d.Hidden);
        var layers = OptionFactory.PositiveInt("--layers", "Recurrent layers", d.Layers);
        var dropout = OptionFactory.NonNegativeNumber("--dropout", "Dropout between recurrent layers, below 1",
            d.Dropout);
        var batchSize = OptionFactory.PositiveInt("--batch-size", "Windows per batch", d.BatchSize);
        var optimizer = OptionFactory.Choice("--optimizer", "Optimizer", d.Optimizer, "sgd", "momentum", "nesterov",
            "adagrad", "rmsprop", "adam", "adamw");
        var learningRate = OptionFactory.PositiveNumber("--learning-rate", "Step size", d.LearningRate);
        var gradClip = OptionFactory.NonNegativeNumber("--grad-clip", "Clip the global gradient norm (0 = off)",
            d.GradClip);
        var patience = OptionFactory.PositiveInt("--patience",
            "Stop when the validation RMSE has not improved for this many epochs", d.Patience);
        var loss = OptionFactory.Choice("--loss", "Training loss on the scaled values (pinball with --quantiles)",
            d.Loss, "mse", "mae", "huber", "pinball");
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the weights, dropout and shuffling", DefaultValueFactory = _ => d.Seed,
        };
        var command = new Command("train", "Train a forecaster of H steps; best and last checkpoints in --out");
        foreach (var option in new Option[]
                 {
                     data, column, dateColumn, seriesColumn, horizon, season, window, validWindows, difference,
                     covariates, calendar, quantiles, output, minutes, epochs, model, hidden, layers, dropout,
                         batchSize, optimizer,
                     learningRate, gradClip, patience, loss, seed, resume, ensemble,
                 })
            command.Options.Add(option);
        command.SetAction(parse => Run(new ForecastTrainOptions
        {
            Data = parse.GetValue(data)!, Column = parse.GetValue(column)!, DateColumn = parse.GetValue(dateColumn),
            SeriesColumn = parse.GetValue(seriesColumn), Horizon = parse.GetValue(horizon),
            Season = parse.GetValue(season), Window = parse.GetValue(window),
            ValidWindows = parse.GetValue(validWindows),
            Difference = parse.GetValue(difference)!.ToLowerInvariant(), Quantiles = parse.GetValue(quantiles),
            Covariates = parse.GetValue(covariates), Calendar = parse.GetValue(calendar),
            Ensemble = parse.GetValue(ensemble),
            Out = parse.GetValue(output) ?? parse.GetValue(resume) ?? "", Resume = parse.GetValue(resume),
            Minutes = parse.GetValue(minutes), Epochs = parse.GetValue(epochs),
            Model = parse.GetValue(model)!.ToLowerInvariant(), Hidden = parse.GetValue(hidden),
            Layers = parse.GetValue(layers), Dropout = parse.GetValue(dropout), BatchSize = parse.GetValue(batchSize),
            Optimizer = parse.GetValue(optimizer)!.ToLowerInvariant(), LearningRate = parse.GetValue(learningRate),
            GradClip = parse.GetValue(gradClip), Patience = parse.GetValue(patience),
            Loss = parse.GetValue(loss)!.ToLowerInvariant(), Seed = parse.GetValue(seed),
        }, context));
        return command;
    }

    /// <summary>Reads the series, trains (or continues a run), prints a line per epoch and a summary; returns the
    /// exit code.</summary>
    public static int Run(ForecastTrainOptions o, CliContext context)
    {
        if (o.Ensemble > 1)
        {
            if (o.Resume is not null)
                throw new ArgumentException("--resume continues one run: give it a member's folder, without " +
                    "--ensemble");
            if (Directory.Exists(ForecasterEnsemble.MemberFolder(o.Out, 1)))
                throw new ArgumentException($"--out '{o.Out}' already holds an ensemble (member-1); choose another " +
                    "folder");
            for (int k = 1; k <= o.Ensemble; k++)
            {
                context.Out.WriteLine($"member {k} of {o.Ensemble} (seed {o.Seed + k - 1})");
                Run(o with { Out = ForecasterEnsemble.MemberFolder(o.Out, k), Seed = o.Seed + k - 1, Ensemble = 1 },
                    context);
            }
            return Program.Success;
        }
        if (o.Resume is null && o.Horizon is null) throw new ArgumentException("--horizon is required (H ≥ 1)");
        if (o.Horizon < 1) throw new ArgumentException($"--horizon must be a positive integer, got {o.Horizon}");
        if (o.ValidWindows < 0) throw new ArgumentException($"--valid-windows must be ≥ 0, got {o.ValidWindows}");
        if (o.Dropout >= 1) throw new ArgumentException($"--dropout must be below 1, got {o.Dropout}");
        if (o.Out.Length == 0) throw new ArgumentException("--out is required (the folder for the checkpoints)");
        bool sameFolder = o.Resume is not null && Path.GetFullPath(o.Resume) == Path.GetFullPath(o.Out);
        if (!sameFolder && File.Exists(Path.Combine(o.Out, "last.safetensors")))
            throw new ArgumentException($"--out '{o.Out}' already holds a run (last.safetensors); pass --resume " +
                $"'{o.Out}' to continue it, or choose another folder");
        var forecaster = o.Resume is null ? null : Resumed(o);
        var columns = forecaster?.Options.Columns ?? new TimeSeriesCsvOptions
        {
            ValueColumn = o.Column, DateColumn = o.DateColumn, SeriesColumn = o.SeriesColumn,
            CovariateColumns = o.Covariates is null ? null : [.. o.Covariates.Split(',').Select(c => c.Trim())],
        };
        if (o.Calendar && o.DateColumn is null && o.Resume is null)
            throw new ArgumentException("--calendar reads each step's date: give --date-column");
        var series = TimeSeriesCsvReader.Read(o.Data, columns);
        CellKinds.TryParse(o.Model, out var cell);
        forecaster ??= Forecaster.Create(series, new ForecasterOptions
        {
            Horizon = o.Horizon ?? 0, Window = o.Window ?? 0, Season = o.Season, ValidationWindows = o.ValidWindows,
            Columns = columns, Quantiles = ParseQuantiles(o.Quantiles),
                Covariates = columns.CovariateColumns?.Length ?? 0,
            Calendar = o.Calendar, Differencing = o.Difference switch
            {
                "first" => Differencing.FirstOrder, "seasonal" => Differencing.Seasonal, _ => Differencing.None,
            },
        }, new SequenceModelOptions
        {
            Cell = cell, HiddenSize = o.Hidden, NumLayers = o.Layers, Dropout = o.Dropout,
        }, o.Seed);
        var (train, validation) = forecaster.Datasets(series);
        var f = forecaster.Options;
        if (f.Quantiles is not null && o.Loss is not ("mse" or "pinball"))
            throw new ArgumentException($"--loss {o.Loss}: a quantile forecaster trains under the pinball loss");
        if (f.Quantiles is null && o.Loss == "pinball")
            throw new ArgumentException("--loss pinball needs --quantiles (the levels it forecasts)");
        string metric = f.Quantiles is null ? "RMSE" : "pinball loss";
        var a = forecaster.Model.Options;
        string levels = (f.Quantiles is { } q
            ? ", quantiles " + string.Join(", ", q.Select(l => l.ToString(CultureInfo.InvariantCulture))) : "") +
            (f.Covariates > 0 ? $", covariates {string.Join(", ", columns.CovariateColumns!)}" : "") +
            (f.Calendar ? ", calendar" : "");
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{CellKinds.Name(a.Cell).ToUpperInvariant()} {a.NumLayers}×{a.HiddenSize}, " +
            $"{forecaster.Model.Parameters.Count:N0} parameters; {series.Count} series, H = {f.Horizon}, " +
            $"W = {f.Window}, m = {f.Season}, differencing {f.Differencing.ToString().ToLowerInvariant()}{levels}; " +
            $"{train.Count:N0} training and {validation?.Count ?? 0:N0} validation windows"));
        Directory.CreateDirectory(o.Out);
        var trainerOptions = new SequenceTrainerOptions
        {
            Optimizer = Enum.Parse<OptimizerKind>(o.Optimizer, ignoreCase: true), LearningRate = o.LearningRate,
            BatchSize = o.BatchSize, GradientClip = o.GradClip, Patience = validation is null ? null : o.Patience,
            Epochs = o.Epochs ?? (o.Minutes is null ? ForecastTrainOptions.DefaultEpochs : null),
            TimeBudget = o.Minutes is double m ? TimeSpan.FromMinutes(m) : null, Seed = o.Seed,
            Loss = f.Quantiles is not null ? null : o.Loss switch
            {
                "mae" => LossKind.MeanAbsoluteError, "huber" => LossKind.Huber, _ => LossKind.MeanSquaredError,
            },
            CheckpointDirectory = o.Out,
        };
        var log = new EpochLog(context.Out, metric);
        var report = o.Resume is null ? forecaster.Train(series, trainerOptions, log)
            : Forecaster.Resume(o.Resume, series, trainerOptions, log).Report;
        string best = report.BestStep is null ? "" : string.Create(CultureInfo.InvariantCulture,
            $"; best validation {metric} (scaled) {report.BestValidationMetric:F4} at step {report.BestStep:N0}");
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"done ({report.StopReason}): {report.Steps:N0} steps, {report.Epochs:F1} epochs, " +
            $"{report.Elapsed:mm\\:ss}{best}"));
        context.Out.WriteLine($"checkpoints: {Path.Combine(o.Out, "best.safetensors")} (best), " +
            $"{Path.Combine(o.Out, "last.safetensors")} (last, --resume continues it)");
        return Program.Success;
    }

    /// <summary>"0.1,0.5,0.9" as levels (null for none); the forecaster's options check their range.</summary>
    private static double[]? ParseQuantiles(string? text)
    {
        if (text is null) return null;
        var levels = new List<double>();
        foreach (string field in text.Split(','))
            levels.Add(double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double q)
                ? q : throw new ArgumentException($"--quantiles: expected numbers like 0.1,0.5,0.9, got '{field}'"));
        return [.. levels];
    }

    /// <summary>The forecaster of the run in --resume; the flags that fix its shape, when given, must agree with
    /// it.</summary>
    private static Forecaster Resumed(ForecastTrainOptions o)
    {
        string last = Path.Combine(o.Resume!, "last.safetensors");
        if (!File.Exists(last))
            throw new ArgumentException($"--resume: '{o.Resume}' holds no run to continue (no last.safetensors)");
        var forecaster = Forecaster.Load(last);
        var f = forecaster.Options;
        if (o.Horizon is int h && h != f.Horizon)
            throw new ArgumentException($"--resume: the run forecasts H = {f.Horizon}, --horizon gives {h}");
        if (o.Window is int w && w != f.Window)
            throw new ArgumentException($"--resume: the run reads W = {f.Window}, --window gives {w}");
        if (f.Columns is { } c && c.ValueColumn != o.Column)
            throw new ArgumentException($"--resume: the run forecasts column '{c.ValueColumn}', --column gives " +
                $"'{o.Column}'");
        return forecaster;
    }

    /// <summary>One line per validation (once per epoch).</summary>
    private sealed class EpochLog(TextWriter output, string metric) : IProgress<SequenceTrainingProgress>
    {
        private double _best = double.PositiveInfinity;

        public void Report(SequenceTrainingProgress p)
        {
            if (p.ValidationMetric is not double value) return;
            _best = Math.Min(_best, value);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {p.Epoch,6:F1}  step {p.Step,7:N0}  loss {p.Loss:F4}  validation {metric} (scaled) " +
                $"{value:F4}  best {_best:F4}  {p.Elapsed:mm\\:ss}"));
            output.Flush();
        }
    }
}
