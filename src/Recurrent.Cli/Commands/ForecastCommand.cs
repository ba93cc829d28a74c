using System.CommandLine;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent forecast train|eval|predict</c>: multi-step forecasts of time series read from CSV, always scored
/// against the naive, seasonal-naive, drift and mean forecasts, on the library's
/// <see cref="Recurrent.Forecasting.Forecaster"/> (docs/forecasting.md).
/// </summary>
public static class ForecastCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("forecast",
            "Time-series forecasting: train a forecaster of H steps, evaluate it against the baselines, forecast");
        command.Subcommands.Add(ForecastTrainCommand.Create(context));
        command.Subcommands.Add(ForecastEvalCommand.Create(context));
        command.Subcommands.Add(ForecastPredictCommand.Create(context));
        return command;
    }
}
