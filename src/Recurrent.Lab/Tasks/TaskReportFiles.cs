using System.Globalization;
using System.Text;
using Recurrent.Parameters.Serialization;
using Recurrent.Lab.Plotting;

namespace Recurrent.Lab.Tasks;

/// <summary>
/// What the task runs leave on disk: per run its learning curve as CSV, and per length one SVG chart with every model's
/// curve and the memoryless baseline; for a comparison also results.md (a Markdown table) and results.csv.
/// </summary>
public static class TaskReportFiles
{
    /// <summary>Writes every file for <paramref name="outcomes"/> into <paramref name="directory"/> (created); returns
    /// the paths written.</summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<SequenceTaskOutcome> outcomes, bool table)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(outcomes);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var o in outcomes)
        {
            string csv = Path.Combine(directory, $"curve-{o.ModelName}-T{o.Length}.csv");
            o.Curve.WriteCsv(csv);
            written.Add(csv);
        }
        foreach (var group in outcomes.GroupBy(o => o.Length))
        {
            string svg = Path.Combine(directory, $"curves-T{group.Key}.svg");
            Chart([.. group]).Write(svg);
            written.Add(svg);
        }
        if (table)
        {
            string md = Path.Combine(directory, "results.md"), csv = Path.Combine(directory, "results.csv");
            AtomicFile.WriteAllBytes(md, Encoding.UTF8.GetBytes(Report(outcomes)));
            AtomicFile.WriteAllBytes(csv, Encoding.UTF8.GetBytes(Csv(outcomes)));
            written.Add(md);
            written.Add(csv);
        }
        return written;
    }

    /// <summary>The training curves of one length, one series per model, and for adding and copy the baseline as a flat
    /// line; log y.</summary>
    public static SvgLineChart Chart(IReadOnlyList<SequenceTaskOutcome> sameLength)
    {
        ArgumentNullException.ThrowIfNull(sameLength);
        if (sameLength.Count == 0) throw new ArgumentException("no runs to chart");
        var first = sameLength[0];
        bool bits = first.Task is "parity" or "binary-addition";
        var chart = new SvgLineChart
        {
            Title = $"{first.Task}, T = {first.Length}: training curves",
            XLabel = "update",
            YLabel = bits ? "training cross-entropy (nats, short inputs)" : $"training {first.MetricName}",
            LogY = true,
        };
        long lastStep = 1;
        foreach (var o in sameLength)
        {
            var points = o.Curve.Points.Where(p => p.TrainLoss > 0).ToArray();
            chart.Add(o.ModelName.ToUpperInvariant(), points.Select(p => (double)p.Step).ToArray(), points.Select(p =>
                p.TrainLoss).ToArray());
            if (points.Length > 0) lastStep = Math.Max(lastStep, points[^1].Step);
        }
        if (!bits) chart.Add("memoryless baseline", [0, lastStep], [first.Baseline, first.Baseline]);
        return chart;
    }

    /// <summary>| model | T | metric | baseline | metric / baseline | solved | seconds |, one row per run.</summary>
    public static string Markdown(IReadOnlyList<SequenceTaskOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var md = new StringBuilder();
        string metric = outcomes.Count > 0 ? outcomes[0].MetricName : "metric";
        md.Append(CultureInfo.InvariantCulture,
            $"| model | T | test {metric} | memoryless baseline | ratio | solved | seconds |\n");
        md.Append("|---|---:|---:|---:|---:|---|---:|\n");
        foreach (var o in outcomes)
            md.Append(CultureInfo.InvariantCulture,
                $"| {o.ModelName.ToUpperInvariant()} | {o.Length} | {G(o.Metric)} | {G(o.Baseline)} | " +
                    $"{G(o.Metric / o.Baseline)} | {(o.Solved ? "yes" : "no")} | {o.Seconds:F1} |\n");
        return md.ToString();
    }

    /// <summary>
    /// results.md: the table, then each length's learning curves embedded, with the CSVs of their numbers linked,
    /// so the report shows every figure it was written with.
    /// </summary>
    public static string Report(IReadOnlyList<SequenceTaskOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var md = new StringBuilder();
        string task = outcomes.Count > 0 ? outcomes[0].Task : "task";
        md.Append(CultureInfo.InvariantCulture,
            $"# {task}: RNN, LSTM and GRU\n\n").Append(Markdown(outcomes)).Append('\n');
        md.Append("Numbers: [results.csv](results.csv).\n");
        foreach (var group in outcomes.GroupBy(o => o.Length))
        {
            md.Append(CultureInfo.InvariantCulture,
                $"\n## T = {group.Key}\n\n![training curves, T = {group.Key}](curves-T{group.Key}.svg)\n\n");
            md.Append(string.Join(", ", group.Select(o =>
                $"[{o.ModelName}](curve-{o.ModelName}-T{o.Length}.csv)"))).Append('\n');
        }
        return md.ToString();
    }

    /// <summary>task,model,length,metric_name,metric,baseline,solved_below,solved,steps,seconds.</summary>
    public static string Csv(IReadOnlyList<SequenceTaskOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var csv =
            new StringBuilder("task,model,length,metric_name,metric,baseline,solved_below,solved,steps,seconds\n");
        foreach (var o in outcomes)
            csv.Append(CultureInfo.InvariantCulture,
                $"{o.Task},{o.ModelName},{o.Length},{o.MetricName},{o.Metric:R},{o.Baseline:R},{o.SolvedBelow:R}," +
                $"{(o.Solved ? "true" : "false")},{o.Steps},{o.Seconds:F2}\n");
        return csv.ToString();
    }

    /// <summary>Four significant digits, invariant.</summary>
    public static string G(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
