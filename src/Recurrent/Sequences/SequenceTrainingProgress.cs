namespace Recurrent.Sequences;

/// <summary>One step of a <see cref="SequenceTrainer"/>, as reported to an <see cref="IProgress{T}"/>.</summary>
/// <param name="Step">Optimizer steps taken in all.</param>
/// <param name="Epoch">Epochs completed, with the fraction of the current one.</param>
/// <param name="Loss">This batch's training loss.</param>
/// <param name="LearningRate">The learning rate of this step.</param>
/// <param name="Elapsed">Time since this run started.</param>
/// <param name="ValidationLoss">The validation loss when it was measured at this step, else null.</param>
/// <param name="ValidationMetric">The validation metric when it was measured at this step, else null.</param>
public sealed record SequenceTrainingProgress(long Step, double Epoch, double Loss, double LearningRate,
    TimeSpan Elapsed,
    double? ValidationLoss, double? ValidationMetric);
