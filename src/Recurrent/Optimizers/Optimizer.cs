using Recurrent.Parameters;

namespace Recurrent.Optimizers;

/// <summary>
/// What every optimizer shares: the learning rate, the step counter, the lazy allocation of per-parameter
/// state and the walk over the flat vectors in chunks. A derived class writes only its update of one chunk.
/// </summary>
/// <remarks>
/// The update walks the parameters in chunks of <see cref="ChunkLength"/> so that an update that needs
/// intermediate vectors (g + λθ, g², √v̂ + ε) keeps them on the stack, where a chunk stays in L1 cache across
/// the several TensorPrimitives passes; nothing is allocated after the first step.
/// </remarks>
public abstract class Optimizer<T> : IOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Elements per chunk: two stack buffers of this length fit in L1 even in double.</summary>
    protected const int ChunkLength = 1024;

    private double _learningRate;
    private int _stateLength = -1;

    /// <param name="learningRate">Initial learning rate; must be positive and finite.</param>
    protected Optimizer(double learningRate)
        => _learningRate = OptionCheck.Positive(learningRate, "learning rate", "LearningRate");

    /// <summary>
    /// Step size γ of the next <see cref="Step(ParameterSet{T})"/>. A schedule may set it to 0 (the end of a
    /// cosine schedule), which makes the step a no-op; negative or non-finite values throw.
    /// </summary>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptionCheck.NonNegative(value, "learning rate", nameof(LearningRate));
    }

    /// <summary>Number of steps taken so far; the step being applied is numbered t = StepCount (1-based) in the update equations.</summary>
    public int StepCount { get; private set; }

    /// <inheritdoc/>
    public void Step(ParameterSet<T> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Step(parameters.Values, parameters.Gradients);
    }

    /// <summary>Applies one update to <paramref name="values"/> from the parallel <paramref name="gradients"/>; the gradients are not modified.</summary>
    public void Step(Span<T> values, ReadOnlySpan<T> gradients)
    {
        if (values.Length != gradients.Length)
            throw new ArgumentException($"values and gradients must have the same length, got {values.Length} and {gradients.Length}", nameof(gradients));
        if (_stateLength < 0)
        {
            AllocateState(values.Length);
            _stateLength = values.Length;
        }
        else if (_stateLength != values.Length)
        {
            throw new InvalidOperationException(
                $"{GetType().Name.Split('`')[0]} keeps state for {_stateLength} parameters, but this step has {values.Length}: " +
                "use a new optimizer for a different model");
        }

        StepCount++;
        for (int start = 0; start < values.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, values.Length - start);
            UpdateChunk(values.Slice(start, length), gradients.Slice(start, length), start);
        }
    }

    /// <summary>Allocates (and initialises) per-parameter state for <paramref name="count"/> parameters; called once, before the first step.</summary>
    protected abstract void AllocateState(int count);

    /// <summary>Updates one chunk in place. <paramref name="offset"/> locates the chunk in the state arrays; <see cref="StepCount"/> is already t.</summary>
    protected abstract void UpdateChunk(Span<T> values, ReadOnlySpan<T> gradients, int offset);

    /// <summary>A double option as T.</summary>
    protected static T Scalar(double value) => T.CreateChecked(value);
}
