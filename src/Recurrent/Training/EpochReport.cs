namespace Recurrent.Training;

/// <summary>Progress after one epoch: mean training loss and accuracy over the examples seen in it.</summary>
public readonly record struct EpochReport(int Epoch, int Epochs, double TrainLoss, double TrainAccuracy);
