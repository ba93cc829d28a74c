using System.Globalization;
using System.Text;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Training;

/// <summary>
/// The losses of a training run against the step: collected as the run goes (and carried through a resume by
/// <see cref="TrainingState.LossHistory"/>), written as CSV for analysis. (The CLI draws it as an SVG chart with the
/// lab's plotting, which the core does not carry.)
/// </summary>
public sealed class LearningCurve
{
    private readonly List<LossPoint> _points = [];

    /// <summary>An empty curve, or one continuing <paramref name="points"/> (e.g. the history of a resumed
    /// run).</summary>
    public LearningCurve(IEnumerable<LossPoint>? points = null)
    {
        if (points is not null)
            foreach (var point in points) Add(point);
    }

    /// <summary>The points in the order added (steps non-decreasing).</summary>
    public IReadOnlyList<LossPoint> Points => _points;

    /// <summary>Appends a point; its step may not be below the last one.</summary>
    /// <exception cref="ArgumentException">A step going backwards or negative.</exception>
    public void Add(LossPoint point)
    {
        if (point.Step < 0) throw new ArgumentException($"step must be non-negative, got {point.Step}", nameof(point));
        if (_points.Count > 0 && point.Step < _points[^1].Step)
            throw new ArgumentException($"steps must not go backwards: got step {point.Step} after step " +
                $"{_points[^1].Step}", nameof(point));
        _points.Add(point);
    }

    /// <summary>Appends the losses measured at <paramref name="step"/>.</summary>
    public void Add(long step, double trainLoss, double? validationLoss = null) =>
        Add(new LossPoint(step, trainLoss, validationLoss));

    /// <summary>
    /// CSV with header <c>step,train_loss,val_loss</c>, one row per point, numbers in the invariant culture and
    /// shortest round-trip form, an empty val_loss where validation was not run.
    /// </summary>
    public string ToCsv()
    {
        var csv = new StringBuilder("step,train_loss,val_loss\n");
        foreach (var point in _points)
        {
            csv.Append(point.Step.ToString(CultureInfo.InvariantCulture)).Append(',')
               .Append(point.TrainLoss.ToString("R", CultureInfo.InvariantCulture)).Append(',');
            if (point.ValidationLoss is double validation)
                csv.Append(validation.ToString("R", CultureInfo.InvariantCulture));
            csv.Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>Writes <see cref="ToCsv"/> atomically.</summary>
    public void WriteCsv(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(ToCsv()));
    }
}
