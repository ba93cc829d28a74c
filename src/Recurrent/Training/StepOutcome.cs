namespace Recurrent.Training;

/// <summary>What one <see cref="TrainingEngine"/> step measured.</summary>
/// <param name="Loss">The batch's loss.</param>
/// <param name="GradientNorm">The global gradient norm before clipping.</param>
/// <param name="UpdateRatio">‖Δθ‖ / ‖θ‖ when measured, else NaN.</param>
internal readonly record struct StepOutcome(double Loss, double GradientNorm, double UpdateRatio);
