using Recurrent.Training;

namespace Recurrent.Lab.Plotting;

/// <summary>
/// Draws a learning curve (the points of a <see cref="LearningCurve"/> or of <see cref="CharModelTrainer.Curve"/>):
/// the chart moved here from the core's LearningCurve when plotting left the core.
/// </summary>
public static class LearningCurveChart
{
    /// <summary>
    /// A chart of training loss ("train") and validation loss ("validation", its points joined across the steps
    /// where it was not measured) against the step.
    /// </summary>
    public static SvgLineChart ToChart(this IReadOnlyList<LossPoint> points, string title = "Learning curve",
        string yLabel = "loss (nats per character)", bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(points);
        var chart = new SvgLineChart { Title = title, XLabel = "step", YLabel = yLabel, LogY = logY };
        chart.Add("train", points.Select(p => (double)p.Step).ToArray(), points.Select(p => p.TrainLoss).ToArray());
        var validation = points.Where(p => p.ValidationLoss.HasValue).ToArray();
        if (validation.Length > 0)
            chart.Add("validation", validation.Select(p => (double)p.Step).ToArray(), validation.Select(p =>
                p.ValidationLoss!.Value).ToArray());
        return chart;
    }

    /// <summary>Writes the chart of <paramref name="curve"/>'s points (<see cref="ToChart"/>) as SVG
    /// atomically.</summary>
    public static void WriteSvg(this LearningCurve curve, string path, string title = "Learning curve",
        bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentException.ThrowIfNullOrEmpty(path);
        curve.Points.ToChart(title, logY: logY).Write(path);
    }
}
