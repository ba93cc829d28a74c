using System.Globalization;
using Recurrent.Forecasting;
using Recurrent.Lab.Plotting;

namespace Recurrent.Cli.Commands;

/// <summary>
/// The plot of a rolling-origin evaluation, for the first series of the file: the actual values of the test windows
/// and the H before them, the model's forecast of each window and the seasonal-naive forecast, with a dashed line at
/// each origin; for a quantile forecaster the prediction interval as a shaded band under them.
/// </summary>
internal static class ForecastPlot
{
    public static SvgLineChart Create(TimeSeries series, ForecastEvaluation evaluation, string source)
    {
        int h = evaluation.Horizon;
        var windows = evaluation.Model.Windows.Where(w => w.Series == series.Name).ToList();
        var naive = evaluation.Baselines[BaselineKind.SeasonalNaive].Windows.Where(w => w.Series == series.Name)
            .ToList();
        int from = Math.Max(0, windows[0].Origin - h);
        var x = Positions(series);
        string name = series.Name.Length > 0 ? $" '{series.Name}'" : "";
        var chart = new SvgLineChart
        {
            Title = string.Create(CultureInfo.InvariantCulture,
                $"{source}{name}: last {windows.Count} windows of {h}, MASE model " +
                $"{evaluation.Model.Scores.Mase:F3}, seasonal naive " +
                $"{evaluation.Baselines[BaselineKind.SeasonalNaive].Scores.Mase:F3}"),
            XLabel = series.Dates is null ? "step" : "date", YLabel = "value", Width = 960,
        };
        if (evaluation.Interval is { } interval) chart.Add(Band(interval, windows, x));
        chart.Add("actual", x[from..], series.Values[from..], SeriesStyle.Line);
        chart.Add(Windows("model", windows, x));
        chart.Add(Windows($"seasonal naive (m = {evaluation.Season})", naive, x));
        foreach (var w in windows) chart.Add(ChartGuide.Vertical(x[w.Origin]));
        return chart;
    }

    /// <summary>The forecasts of every window as one series, with a gap (NaN) between windows.</summary>
    private static ChartSeries Windows(string name, List<ForecastWindow> windows, double[] x)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var w in windows)
        {
            for (int t = 0; t < w.Forecast.Length; t++)
            {
                xs.Add(x[w.Origin + t]);
                ys.Add(w.Forecast[t]);
            }
            xs.Add(x[w.Origin + w.Forecast.Length - 1]);
            ys.Add(double.NaN);
        }
        return new ChartSeries(name, xs, ys) { Style = SeriesStyle.LineAndMarkers };
    }

    /// <summary>The interval of every window as one band, with a gap (NaN) between windows.</summary>
    private static ChartSeries Band(ForecastInterval interval, List<ForecastWindow> windows, double[] x)
    {
        var xs = new List<double>();
        var lower = new List<double>();
        var upper = new List<double>();
        foreach (var w in windows)
        {
            for (int t = 0; t < w.Forecast.Length; t++)
            {
                xs.Add(x[w.Origin + t]);
                lower.Add(w.Lower![t]);
                upper.Add(w.Upper![t]);
            }
            xs.Add(x[w.Origin + w.Forecast.Length - 1]);
            lower.Add(double.NaN);
            upper.Add(double.NaN);
        }
        string name = string.Create(CultureInfo.InvariantCulture,
            $"interval {interval.LowerLevel:G4}–{interval.UpperLevel:G4} ({100 * interval.Coverage:F0}% covered)");
        return new ChartSeries(name, xs, upper) { Style = SeriesStyle.Band, Lower = lower };
    }

    /// <summary>The dates when every one is a number (years), else the step numbers 1 … n.</summary>
    private static double[] Positions(TimeSeries series)
    {
        var x = new double[series.Length];
        for (int t = 0; t < x.Length; t++)
            if (series.Dates is null || !double.TryParse(series.Dates[t], NumberStyles.Float,
                    CultureInfo.InvariantCulture, out x[t]))
                return [.. Enumerable.Range(1, series.Length).Select(i => (double)i)];
        return x;
    }
}
