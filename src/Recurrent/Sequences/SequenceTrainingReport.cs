namespace Recurrent.Sequences;

/// <summary>What a <see cref="SequenceTrainer.Fit"/> run did.</summary>
/// <param name="Steps">Optimizer steps taken in all (resumed runs count the earlier ones).</param>
/// <param name="StepsThisRun">Steps of this run.</param>
/// <param name="Epochs">Epochs completed, with the fraction of the current one.</param>
/// <param name="TrainLoss">The mean training loss since the last evaluation (or the start).</param>
/// <param name="ValidationLoss">The last validation loss, or null without validation data.</param>
/// <param name="ValidationMetric">The last validation metric, or null without validation data.</param>
/// <param name="BestValidationMetric">The best validation metric seen (that of best.safetensors), or null.</param>
/// <param name="BestStep">The step of the best validation metric, or null.</param>
/// <param name="StopReason">Why it stopped, in words.</param>
/// <param name="Elapsed">Time of this run.</param>
public sealed record SequenceTrainingReport(long Steps, long StepsThisRun, double Epochs, double TrainLoss,
    double? ValidationLoss, double? ValidationMetric, double? BestValidationMetric, long? BestStep, string StopReason,
    TimeSpan Elapsed);
