namespace Recurrent.Lab.Examples;

/// <summary>How one model of a <see cref="BitTaskExperiment"/> did.</summary>
/// <param name="Short">Accuracy on inputs of the training length.</param>
/// <param name="Long">Accuracy on inputs of the test length.</param>
/// <param name="FinalLoss">Mean training loss over the last tenth of the updates.</param>
public sealed record BitModelScores(BitAccuracy Short, BitAccuracy Long, double FinalLoss);
