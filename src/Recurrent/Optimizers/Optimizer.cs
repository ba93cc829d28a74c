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

    /// <summary>Number of steps taken so far; the step being applied is numbered t = StepCount (1-based) in the update
    /// equations.</summary>
    public int StepCount { get; private set; }

    /// <inheritdoc/>
    public void Step(ParameterSet<T> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Step(parameters.Values, parameters.Gradients);
    }

    /// <summary>Applies one update to <paramref name="values"/> from the parallel <paramref name="gradients"/>; the
    /// gradients are not modified.</summary>
    public void Step(Span<T> values, ReadOnlySpan<T> gradients)
    {
        if (values.Length != gradients.Length)
            throw new ArgumentException($"values and gradients must have the same length, got {values.Length} and " +
                $"{gradients.Length}", nameof(gradients));
        if (_stateLength < 0)
        {
            AllocateState(values.Length);
            _stateLength = values.Length;
        }
        else if (_stateLength != values.Length)
        {
            throw new InvalidOperationException(
                $"{GetType().Name.Split('`')[0]} keeps state for {_stateLength} parameters, but this step has " +
                    $"{values.Length}: " +
                "use a new optimizer for a different model");
        }

        StepCount++;
        if (TryUpdateAll(values, gradients)) return;
        for (int start = 0; start < values.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, values.Length - start);
            UpdateChunk(values.Slice(start, length), gradients.Slice(start, length), start);
        }
    }

    /// <summary>
    /// A copy of the state (step count and per-parameter vectors) for a checkpoint; <see cref="ImportState"/> on a
    /// fresh optimizer with the same options then continues bit for bit as this one would.
    /// </summary>
    public OptimizerState<T> ExportState()
    {
        var vectors = new Dictionary<string, T[]>(StringComparer.Ordinal);
        if (_stateLength >= 0)
            foreach (var (name, vector) in StateVectors()) vectors.Add(name, (T[])vector.Clone());
        return new OptimizerState<T>(StepCount, vectors);
    }

    /// <summary>
    /// Replaces this optimizer's state with <paramref name="state"/> (copied), as exported by an optimizer of the
    /// same type and options. The vectors must be exactly the ones these options keep, all of one length, and
    /// that length must match the parameters this optimizer has already stepped, if any.
    /// </summary>
    /// <exception cref="ArgumentException">A vector missing, unexpected or of the wrong length, or a negative
    /// step.</exception>
    public void ImportState(OptimizerState<T> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        string type = GetType().Name.Split('`')[0];
        if (state.Step < 0)
            throw new ArgumentException($"{type} state: step count must be non-negative, got {state.Step}",
            nameof(state));
        var expected = StateVectors().Select(v => v.Name).ToList();
        var given = state.Vectors;
        foreach (var name in given.Keys)
        {
            if (!expected.Contains(name))
                throw new ArgumentException(
                    $"{type} state has an unexpected vector '{name}'; with these options it keeps " +
                        $"{NameList(expected)}: " +
                    "was it saved by another optimizer or with other options?", nameof(state));
        }

        if (given.Count == 0 && (state.Step == 0 || expected.Count == 0))
        {
            // Nothing per parameter to restore: before the first step, or plain SGD. Sizes are fixed by the next step.
            if (state.Step == 0) _stateLength = -1;
            StepCount = state.Step;
            return;
        }

        foreach (var name in expected)
        {
            if (!given.ContainsKey(name))
                throw new ArgumentException($"{type} state lacks the vector '{name}' (expected {NameList(expected)}, " +
                    $"got {NameList(given.Keys)})", nameof(state));
        }
        int length = given[expected[0]].Length;
        foreach (var (name, vector) in given)
        {
            if (vector is null || vector.Length != length)
                throw new ArgumentException(
                    $"{type} state vectors must all have one length: '{expected[0]}' has {length}, '{name}' has " +
                        $"{vector?.Length ?? 0}", nameof(state));
        }
        if (_stateLength >= 0 && _stateLength != length)
            throw new ArgumentException(
                $"{type} keeps state for {_stateLength} parameters, but the imported state has {length}: was it " +
                    $"saved for another model?", nameof(state));

        AllocateState(length);
        _stateLength = length;
        foreach (var (name, vector) in StateVectors()) given[name].CopyTo(vector, 0);
        StepCount = state.Step;
    }

    /// <summary>
    /// The per-parameter vectors these options keep, by their PyTorch state names, in a fixed order. Before the
    /// first step the arrays may be empty; only the names are used then.
    /// </summary>
    protected abstract IEnumerable<(string Name, T[] Vector)> StateVectors();

    /// <summary>Allocates (and initialises) per-parameter state for <paramref name="count"/> parameters; called once,
    /// before the first step.</summary>
    protected abstract void AllocateState(int count);

    /// <summary>Updates one chunk in place. <paramref name="offset"/> locates the chunk in the state arrays;
    /// <see cref="StepCount"/> is already t.</summary>
    protected abstract void UpdateChunk(Span<T> values, ReadOnlySpan<T> gradients, int offset);

    private static string NameList(IEnumerable<string> names)
    {
        var list = names.Select(n => $"'{n}'").ToList();
        return list.Count == 0 ? "no vectors" : string.Join(", ", list);
    }

    /// <summary>A double option as T.</summary>
    protected static T Scalar(double value) => T.CreateChecked(value);

    /// <summary>
    /// A fused whole-vector update in the CPU backend, where the optimizer has one for these options and T: true when
    /// it ran (with the same bits as the chunks would give), false to have the chunks run. None by default.
    /// </summary>
    protected virtual bool TryUpdateAll(Span<T> values, ReadOnlySpan<T> gradients) => false;
}
