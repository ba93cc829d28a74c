namespace Recurrent.Training;

/// <summary>The trainer's counters beyond the standard training-state entries (see
/// <see cref="CharTrainingCheckpoint"/>).</summary>
/// <param name="InitialLoss">The first step's loss, the yardstick of the divergence guard.</param>
/// <param name="BestValidationLoss">Lowest validation loss so far (that of best.safetensors); +∞ before the first
/// validation.</param>
/// <param name="CurveSum">Sum of the step losses since the last curve point.</param>
/// <param name="CurveCount">Steps since the last curve point.</param>
/// <param name="WeightsSha256">SHA-256 of the weights saved with this state.</param>
/// <param name="RateScale">The product of the annealing divisions so far (1/4 after one with a factor of 4); null
/// (states saved before annealing existed) is 1.</param>
public sealed record CharRunProgress(double InitialLoss, double BestValidationLoss, double CurveSum, int CurveCount,
    string WeightsSha256, double? RateScale = null);
