using Recurrent.Training;

namespace Recurrent.Lab.Plotting;

/// <summary>
/// Draws a learning curve (<see cref="LearningCurve"/>, or the points of <see cref="CharModelTrainer.Curve"/>):
/// the chart moved here from the core's LearningCurve when plotting left the core.
/// </summary>
public static class LearningCurveChart
{
    /// <summary>
    /// A chart of training loss ("train") and validation loss ("validation", its points joined across the steps
    /// where it was not measured) against the step.
    /// </summary>
    public static SvgLineChart ToChart(this LearningCurve curve, string title = "Learning curve", string yLabel = "loss (nats per character)", bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return ToChart(curve.Points, title, yLabel, logY);
    }

    /// <inheritdoc cref="ToChart(LearningCurve, string, string, bool)"/>
    public static SvgLineChart ToChart(IReadOnlyList<LossPoint> points, string title = "Learning curve", string yLabel = "loss (nats per character)", bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(points);
        var chart = new SvgLineChart { Title = title, XLabel = "step", YLabel = yLabel, LogY = logY };
        chart.Add("train", points.Select(p => (double)p.Step).ToArray(), points.Select(p => p.TrainLoss).ToArray());
        var validation = points.Where(p => p.ValidationLoss.HasValue).ToArray();
        if (validation.Length > 0)
            chart.Add("validation", validation.Select(p => (double)p.Step).ToArray(), validation.Select(p => p.ValidationLoss!.Value).ToArray());
        return chart;
    }

    /// <summary>Writes <see cref="ToChart(LearningCurve, string, string, bool)"/> as SVG atomically.</summary>
    public static void WriteSvg(this LearningCurve curve, string path, string title = "Learning curve", bool logY = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        curve.ToChart(title, logY: logY).Write(path);
    }
}
