namespace Recurrent.Training;

/// <summary>What <see cref="CharModelTrainer"/> reports after every step (the caller decides what to show).</summary>
/// <param name="Step">Optimizer steps taken in all.</param>
/// <param name="Epoch">Completed epochs, plus the fraction of the current one.</param>
/// <param name="TrainLoss">This step's training loss, nats per character.</param>
/// <param name="GradientNorm">Global L2 norm of the gradient before clipping.</param>
/// <param name="UpdateRatio">‖Δθ‖ / ‖θ‖ of this step: around 1e-3 is healthy; far above, the rate is too high.</param>
/// <param name="LearningRate">The rate this step used.</param>
/// <param name="CharsPerSecond">Training characters (B·T per step) per second of this run.</param>
/// <param name="Elapsed">Wall time of this run.</param>
/// <param name="Remaining">Estimated time to the nearest stopping limit.</param>
/// <param name="Done">Fraction of the budget used, in [0, 1].</param>
/// <param name="ValidationLoss">Validation loss when it was measured at this step, else null.</param>
/// <param name="Sample">A generated sample when one was made at this step, else null.</param>
public sealed record CharTrainingProgress(
    long Step, double Epoch, double TrainLoss, double GradientNorm, double UpdateRatio, double LearningRate,
    double CharsPerSecond, TimeSpan Elapsed, TimeSpan Remaining, double Done, double? ValidationLoss, string? Sample)
{
    /// <summary>Training loss in bits per character.</summary>
    public double TrainBpc => TrainLoss / Math.Log(2);
}
