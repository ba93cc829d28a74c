namespace Recurrent.Lab.Tasks;

/// <summary>
/// A synthetic long-memory task of fixed length (the standard probes of docs/equations.md#memory-tasks): how to draw a
/// batch, what a model that
/// remembers nothing scores, and when the task counts as solved. The metric is lower-is-better.
/// </summary>
public interface ISequenceTask
{
    /// <summary>Short name, e.g. "adding".</summary>
    string Name { get; }

    /// <summary>The length parameter T (what --length sets).</summary>
    int Length { get; }

    /// <summary>Steps of every sequence.</summary>
    int Steps { get; }

    /// <summary>Features per step I.</summary>
    int InputSize { get; }

    /// <summary>Outputs per step: classes for a classification task, 1 for regression.</summary>
    int Outputs { get; }

    /// <summary>True for class targets and softmax cross-entropy, false for value targets and squared error.</summary>
    bool Classification { get; }

    /// <summary>What the metric is, e.g. "MSE".</summary>
    string MetricName { get; }

    /// <summary>The metric of the best model without memory of the inputs (the formula, in metric units).</summary>
    double Baseline { get; }

    /// <summary>The metric below which the task counts as solved.</summary>
    double SolvedBelow { get; }

    /// <summary>A batch of <paramref name="batch"/> rows shaped for this task.</summary>
    SequenceBatch CreateBatch(int batch);

    /// <summary>Draws every row of <paramref name="batch"/> afresh from <paramref name="rng"/>.</summary>
    void Fill(SequenceBatch batch, Random rng);
}
