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

    /// <summary>--checkpoint of <c>eval</c> and <c>predict</c>.</summary>
    internal static Option<string> CheckpointOption() => new("--checkpoint")
    {
        Description = "A forecaster file, or a forecast train --out folder (its best.safetensors, or every " +
            "member's of an --ensemble)", Required = true,
    };

    /// <summary>--data of <c>eval</c> and <c>predict</c>.</summary>
    internal static Option<string> DataOption() => new("--data")
    {
        Description = "CSV with the columns the forecaster was trained on", Required = true,
    };
}
