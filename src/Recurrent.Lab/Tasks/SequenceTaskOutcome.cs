using Recurrent.Layers.Recurrent;
using Recurrent.Training;

namespace Recurrent.Lab.Tasks;

/// <summary>What one <see cref="SequenceTaskTrainer"/> run found. Metrics are lower-is-better.</summary>
/// <param name="Task">The task's name.</param>
/// <param name="Model">The cell.</param>
/// <param name="Length">T.</param>
/// <param name="MetricName">What <paramref name="Metric"/> measures, e.g. "MSE".</param>
/// <param name="Metric">The metric on the unseen test set after training.</param>
/// <param name="Baseline">What a model without memory scores (the task's formula).</param>
/// <param name="SolvedBelow">The threshold of <see cref="Solved"/>.</param>
/// <param name="Steps">Updates made.</param>
/// <param name="Seconds">Wall time of training and testing.</param>
/// <param name="Curve">Mean training metric (bit tasks: cross-entropy on the short training inputs) against the
/// step.</param>
public sealed record SequenceTaskOutcome(string Task, CellKind Model, int Length, string MetricName, double Metric,
    double Baseline,
    double SolvedBelow, int Steps, double Seconds, LearningCurve Curve)
{
    /// <summary>Metric below the task's threshold.</summary>
    public bool Solved => Metric < SolvedBelow;

    /// <summary>The cell's short name: rnn, lstm or gru.</summary>
    public string ModelName => CellKinds.Name(Model);
}
