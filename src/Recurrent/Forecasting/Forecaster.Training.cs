using Recurrent.Data;
using Recurrent.Losses;
using Recurrent.Sequences;

namespace Recurrent.Forecasting;

// Training a forecaster: its windows, the trainer's options it calls for, a run resumed.
public sealed partial class Forecaster
{
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
            int lag = Options.Lag, q = Options.QuantileCount, f = Options.InputSize;
            float[] x = ForecastInputs.Rows(s, z, CovariateScalesOf(s.Name), Options.Calendar, 0, s.Length);
            training.AddRange(ForecastWindows.Examples(z, w, h, w, s.Length - tail - h, s.Name, lag, q, x, f));
            if (tail > 0)
                validation.AddRange(ForecastWindows.Examples(z, w, h, s.Length - tail, s.Length - h, s.Name, lag,
                    q, x, f));
        }
        return (new SequenceDataset(training), validation.Count > 0 ? new SequenceDataset(validation) : null);
    }
}
