namespace Recurrent.Optimizers;

/// <summary>The learning rate as a function of the step number (0-based).</summary>
public interface ILearningRateSchedule
{
    /// <summary>Learning rate to use at <paramref name="step"/>.</summary>
    double At(int step);
}
