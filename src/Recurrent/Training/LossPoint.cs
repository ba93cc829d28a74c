namespace Recurrent.Training;

/// <summary>One point of a learning curve: the training loss at a step and, when it was measured then, the validation
/// loss.</summary>
/// <param name="Step">Optimizer steps taken when the losses were measured.</param>
/// <param name="TrainLoss">Mean training loss (nats per character for a language model), e.g. averaged since the last
/// point.</param>
/// <param name="ValidationLoss">Mean validation loss at this step, or null when validation was not run.</param>
public readonly record struct LossPoint(long Step, double TrainLoss, double? ValidationLoss = null);
