using Recurrent.Layers.Recurrent;

namespace Recurrent.Lab.Tasks;

/// <summary>Progress of a sequence-task run: the mean training metric (or, for the bit tasks, loss) since the last
/// report.</summary>
public readonly record struct SequenceTaskProgress(string Task, CellKind Model, int Length, int Step, int Steps,
    double TrainMetric);
