namespace Recurrent.Training;

/// <summary>Training stopped because the loss became NaN, infinite or far above its starting value; the last saved checkpoint is untouched.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
