using System.CommandLine;
using System.Globalization;
using System.Text;
using Recurrent.Forecasting;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent forecast predict</c>: the next H values after the end of each series of a file, as CSV
/// (<c>[series,]step,[date,]forecast</c>, and for a quantile forecaster a column per level, <c>q0.1,q0.5,q0.9</c>:
/// the outer two are the prediction interval) on standard output or in --out.
/// </summary>
public static class ForecastPredictCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint = ForecastCommand.CheckpointOption();
        var data = ForecastCommand.DataOption();
        var output = new Option<string?>("--out") { Description = "Write the CSV here instead of standard output" };
        var command = new Command("predict", "Forecast the next H values after the end of a file")
        {
            checkpoint, data, output,
        };
        command.SetAction(parse => Run(Load(parse.GetValue(checkpoint)!).Forecaster, parse.GetValue(data)!,
            parse.GetValue(output), context));
        return command;
    }

    /// <summary>Forecasts and writes the CSV; returns the exit code.</summary>
    public static int Run(ForecasterEnsemble forecaster, string data, string? output, CliContext context)
    {
        var series = ReadSeries(forecaster, data);
        var quantiles = forecaster.ForecastQuantiles(series);
        // the point forecast is the median level (Forecast's own definition): no second pass over the ensemble
        var forecasts = quantiles.Select(levels => levels[forecaster.Options.MedianBlock]).ToArray();
        var levels = forecaster.Options.Quantiles ?? [];
        bool named = forecaster.Options.Columns?.SeriesColumn is not null;
        var dates = series.Select(s => s.FutureDates(forecaster.Options.Horizon)).ToArray();
        bool dated = dates.All(d => d is not null);
        var csv = new StringBuilder();
        csv.Append(named ? "series," : "").Append("step,").Append(dated ? "date," : "").Append("forecast");
        foreach (double level in levels) csv.Append(",q").Append(level.ToString("R", CultureInfo.InvariantCulture));
        csv.Append('\n');
        for (int i = 0; i < series.Count; i++)
            for (int h = 0; h < forecasts[i].Length; h++)
            {
                if (named) csv.Append(Field(series[i].Name)).Append(',');
                csv.Append(h + 1).Append(',');
                if (dated) csv.Append(dates[i]![h]).Append(',');
                csv.Append(forecasts[i][h].ToString("G6", CultureInfo.InvariantCulture));
                for (int q = 0; q < levels.Length; q++)
                    csv.Append(',').Append(quantiles[i][q][h].ToString("G6", CultureInfo.InvariantCulture));
                csv.Append('\n');
            }
        if (output is null) context.Out.Write(csv.ToString());
        else
        {
            AtomicFile.WriteAllBytes(output, Encoding.UTF8.GetBytes(csv.ToString()));
            context.Out.WriteLine($"{forecasts.Sum(f => f.Length)} forecasts written to {output}");
        }
        return Program.Success;
    }

    /// <summary>The series of <paramref name="data"/>, read with the columns the forecaster was trained on.</summary>
    internal static IReadOnlyList<TimeSeries> ReadSeries(ForecasterEnsemble forecaster, string data)
    {
        var columns = forecaster.Options.Columns
            ?? throw new ArgumentException("the forecaster does not say which CSV columns it reads (it was not " +
                "trained from a file)");
        return TimeSeriesCsvReader.Read(data, columns);
    }

    /// <summary>--checkpoint: an ensemble's folder (member-1 …), a training folder or a file; and the folder it is
    /// in (for the plot).</summary>
    internal static (ForecasterEnsemble Forecaster, string Folder) Load(string checkpoint)
    {
        if (Directory.Exists(ForecasterEnsemble.MemberFolder(checkpoint, 1)))
            return (ForecasterEnsemble.Load(checkpoint), checkpoint);
        string path = CheckpointPath.Resolve(checkpoint);
        return (new ForecasterEnsemble([Forecaster.Load(path)]), Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    private static string Field(string text) =>
        text.IndexOfAny([',', '"']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
