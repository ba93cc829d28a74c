namespace Recurrent.Training;

/// <summary>How a <see cref="CharModelTrainer"/> run ended and where its files are.</summary>
/// <param name="Steps">Optimizer steps taken in all.</param>
/// <param name="Epochs">Completed epochs plus the fraction of the current one.</param>
/// <param name="StepsThisRun">Steps taken by this run (fewer than <paramref name="Steps"/> after a resume).</param>
/// <param name="TrainLoss">Mean training loss over this run's last curve interval, nats per character.</param>
/// <param name="ValidationLoss">Validation loss of the final weights, nats per character.</param>
/// <param name="BestValidationLoss">Lowest validation loss seen (the weights in best.safetensors).</param>
/// <param name="Elapsed">Wall time of this run.</param>
/// <param name="StopReason">Which limit ended the run, in words.</param>
/// <param name="Sample">The final sample (also in sample.txt).</param>
/// <param name="Files">Paths of the run's files: checkpoint, state, best, curve CSV, sample (and where the CLI draws
/// the curve SVG).</param>
public sealed record CharTrainingReport(
    long Steps, double Epochs, long StepsThisRun, double TrainLoss, double ValidationLoss, double BestValidationLoss,
    TimeSpan Elapsed, string StopReason, string Sample, CharTrainingFiles Files)
{
    /// <summary>Validation loss in bits per character.</summary>
    public double ValidationBpc => ValidationLoss / Math.Log(2);
}
