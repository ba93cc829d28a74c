using System.CommandLine;
using System.Globalization;
using Recurrent.Forecasting;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent forecast eval</c>: the forecaster and every baseline by rolling origin on the last K windows of a
/// file (usually the full file, whose end training never saw): a table, or with <c>--json</c> one JSON object; and
/// always an SVG plot of those windows.
/// </summary>
public static class ForecastEvalCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint = ForecastCommand.CheckpointOption();
        var data = ForecastCommand.DataOption();
        var windows = OptionFactory.PositiveInt("--test-windows", "K, the last windows of H steps to score", 5);
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object {model, baselines: {naive, seasonal_naive, drift, mean}, windows, " +
                "horizon}, each scored by mae, rmse, smape, mase",
        };
        var plot = new Option<string?>("--plot")
        {
            Description = "Where to write the SVG plot of the windows [default: forecast-eval.svg beside the " +
                "checkpoint]",
        };
        var command = new Command("eval", "Score a forecaster and every baseline on the last windows of a file")
        {
            checkpoint, data, windows, json, plot,
        };
        command.SetAction(parse =>
        {
            var (forecaster, folder) = ForecastPredictCommand.Load(parse.GetValue(checkpoint)!);
            return Run(forecaster, parse.GetValue(data)!, parse.GetValue(windows), parse.GetValue(json),
                parse.GetValue(plot) ?? Path.Combine(folder, "forecast-eval.svg"), context);
        });
        return command;
    }

    /// <summary>Evaluates, prints and plots; returns the exit code.</summary>
    public static int Run(ForecasterEnsemble forecaster, string data, int windows, bool json, string plot,
        CliContext context)
    {
        var series = ForecastPredictCommand.ReadSeries(forecaster, data);
        var evaluation = forecaster.Evaluate(series, windows);
        ForecastPlot.Create(series[0], evaluation, Path.GetFileName(data)).Write(plot);
        if (json)
        {
            context.Out.WriteLine(evaluation.ToJson());
            return Program.Success;
        }
        context.Out.Write(evaluation.ToText());
        var best = evaluation.BestBaseline;
        double model = evaluation.Model.Scores.Mase, baseline = evaluation.Baselines[best].Scores.Mase;
        string side = model <= baseline ? "below" : "ABOVE";
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model MASE {model:F3} vs the best baseline ({ForecastBaselines.Name(best)}) {baseline:F3}: " +
            $"{100 * Math.Abs(baseline - model) / baseline:F1}% {side} it"));
        context.Out.WriteLine($"plot: {plot}");
        return Program.Success;
    }
}
