namespace Recurrent.Lab.Tasks;

/// <summary>
/// The adding problem (Hochreiter and Schmidhuber 1997), in the variant of Le et al. 2015 and Arjovsky et al. 2016:
/// T steps of two features (a value x_t ~ U[0, 1], a marker m_t ∈ {0, 1}); exactly two markers are 1, one at a step
/// uniform in the first half [0, ⌊T/2⌋) and one uniform in the second half [⌊T/2⌋, T). The target, read at the last
/// step only (many-to-one), is the sum of the two marked values. (The 1997 original draws values in [−1, 1] and
/// scales the target to 0.5 + (x₁ + x₂)/4.)
/// Metric: mean squared error (ŷ − y)² over sequences. Baseline: a model that ignores the inputs does best by
/// predicting E[y] = 1, and scores Var(x₁ + x₂) = 2 · 1/12 = 1/6 ≈ 0.167. Solved: MSE below 1% of that, 1/600 ≈ 0.00167
/// (99% of the target's variance explained; an RMS error of about 0.04).
/// </summary>
public sealed class AddingProblem : ISequenceTask
{
    /// <summary>The task on sequences of <paramref name="length"/> ≥ 2 steps.</summary>
    public AddingProblem(int length)
    {
        if (length < 2)
            throw new ArgumentOutOfRangeException(nameof(length),
            $"--length must be at least 2 for the adding problem (one marker per half), got {length}");
        Length = length;
    }

    /// <inheritdoc/>
    public string Name => "adding";

    /// <inheritdoc/>
    public int Length { get; }

    /// <summary>T.</summary>
    public int Steps => Length;

    /// <summary>Two: the value and the marker.</summary>
    public int InputSize => 2;

    /// <summary>One value.</summary>
    public int Outputs => 1;

    /// <inheritdoc/>
    public bool Classification => false;

    /// <inheritdoc/>
    public string MetricName => "MSE";

    /// <summary>Var(x₁ + x₂) = 1/6 for two independent U[0, 1] values.</summary>
    public double Baseline => 1.0 / 6.0;

    /// <summary>1% of the baseline, 1/600.</summary>
    public double SolvedBelow => Baseline / 100;

    /// <inheritdoc/>
    public SequenceBatch CreateBatch(int batch) => new(Steps, batch, InputSize, classification: false);

    /// <summary>Fresh values and marker positions for every row (class summary); the target sits at row (T − 1)·B +
    /// b.</summary>
    public void Fill(SequenceBatch batch, Random rng)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(rng);
        if (batch.Steps != Steps || batch.InputSize != InputSize || batch.Values is null)
            throw new ShapeMismatchException($"batch: expected (T, B, I) = ({Steps}, B, {InputSize}) with value " +
                $"targets, got {ShapeText.Format(batch.Inputs.Shape)}");
        int rows = batch.BatchSize, steps = Steps, half = steps / 2;
        var x = batch.Inputs;
        batch.Mask.Clear();
        batch.Values.Clear();
        for (int b = 0; b < rows; b++)
        {
            for (int t = 0; t < steps; t++)
            {
                x[t, b, 0] = (float)rng.NextDouble();
                x[t, b, 1] = 0;
            }
            int first = rng.Next(half), second = half + rng.Next(steps - half);
            x[first, b, 1] = 1;
            x[second, b, 1] = 1;
            int last = (steps - 1) * rows + b;
            batch.Values[last, 0] = x[first, b, 0] + x[second, b, 0];
            batch.Mask.Span[last] = 1;
        }
    }
}
