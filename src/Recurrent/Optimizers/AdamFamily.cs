namespace Recurrent.Optimizers;

/// <summary>
/// What Adam and AdamW share: the first and second moments m and v (PyTorch's exp_avg and exp_avg_sq), their
/// option checks, and the bias-corrected update of <see cref="AdamUpdate"/>. The two differ only in where the
/// weight decay enters, which each writes in its <see cref="Optimizer{T}.UpdateChunk"/>.
/// </summary>
public abstract class AdamFamily<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _firstMoment = [];  // m
    private T[] _secondMoment = []; // v
    private readonly double _beta1, _beta2, _epsilon;

    /// <summary>Checks and keeps the moment settings; throws when one is out of range.</summary>
    protected AdamFamily(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
        : base(learningRate)
    {
        OptionCheck.UnitInterval(beta1, "beta1", "Beta1");
        OptionCheck.UnitInterval(beta2, "beta2", "Beta2");
        OptionCheck.NonNegative(epsilon, "epsilon", "Epsilon");
        OptionCheck.NonNegative(weightDecay, "weight decay", "WeightDecay");
        (_beta1, _beta2, _epsilon) = (beta1, beta2, epsilon);
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, T[] Vector)> StateVectors()
    {
        yield return ("exp_avg", _firstMoment);
        yield return ("exp_avg_sq", _secondMoment);
    }

    /// <inheritdoc/>
    protected override void AllocateState(int count)
    {
        _firstMoment = new T[count];
        _secondMoment = new T[count];
    }

    /// <summary>The moment update and bias-corrected step for the chunk at <paramref name="offset"/>, from gradient
    /// <paramref name="g"/>.</summary>
    protected void ApplyMoments(Span<T> values, ReadOnlySpan<T> g, int offset, Span<T> work) =>
        AdamUpdate.Apply(values, g, _firstMoment.AsSpan(offset, values.Length),
            _secondMoment.AsSpan(offset, values.Length), work,
            LearningRate, _beta1, _beta2, _epsilon, StepCount);
}
