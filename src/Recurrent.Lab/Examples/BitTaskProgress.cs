namespace Recurrent.Lab.Examples;

/// <summary>Progress of a <see cref="BitTaskExperiment"/>: the mean training losses since the last report.</summary>
public readonly record struct BitTaskProgress(int Step, int Steps, double RnnLoss, double MlpLoss);
