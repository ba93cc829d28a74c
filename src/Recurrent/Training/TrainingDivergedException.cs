namespace Recurrent.Training;

/// <summary>
/// Training stopped because the loss became NaN, infinite or far above its starting value (for
/// <see cref="CharModelTrainer"/>, the last saved checkpoint is untouched). An <see cref="InvalidOperationException"/>,
/// which <see cref="ClassifierTrainer{T}"/> threw before it had this type.
/// </summary>
/// <remarks>
/// The message ends with advice in the library's terms (the options LearningRate, GradientClip or ClipNorm); a front
/// end that names those options differently builds its own from <see cref="Diagnosis"/> and <see cref="LearningRate"/>.
/// </remarks>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>A divergence with nothing to advise (<see cref="Diagnosis"/> is the message).</summary>
    public TrainingDivergedException(string message) : base(message) => Diagnosis = message;

    /// <summary>A divergence under <paramref name="learningRate"/>: the message is <paramref name="diagnosis"/>, then
    /// <paramref name="advice"/>.</summary>
    /// <param name="diagnosis">What diverged and when, e.g. "training diverged at step 12: …".</param>
    /// <param name="learningRate">The learning rate of the step that diverged.</param>
    /// <param name="advice">What to try, in the library's names, appended to the diagnosis as it is.</param>
    public TrainingDivergedException(string diagnosis, double learningRate, string advice)
        : base(diagnosis + advice)
    {
        Diagnosis = diagnosis;
        LearningRate = learningRate;
    }

    /// <summary>What diverged and when, without advice.</summary>
    public string Diagnosis { get; }

    /// <summary>The learning rate of the step that diverged; null when it is beside the point (validation).</summary>
    public double? LearningRate { get; }
}
