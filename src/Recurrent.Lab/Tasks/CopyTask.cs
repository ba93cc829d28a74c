namespace Recurrent.Lab.Tasks;

/// <summary>
/// The copy task (Arjovsky, Shah and Bengio 2016): remember 10 symbols across T blanks. Alphabet: symbols 0–7, blank 8,
/// delimiter 9, one-hot inputs (I = 10). Input, T + 20 steps: 10 symbols drawn uniformly from the 8, then T − 1 blanks,
/// the delimiter, and 10 blanks. Target at every step (many-to-many, 9 classes: the symbols and blank): blank for the
/// first T + 10 steps, then the 10 symbols in order.
/// Metric: softmax cross-entropy in nats, averaged over all T + 20 steps. Baseline: a model without memory of the
/// symbols can still output blank until it sees the delimiter and then guess uniformly among the 8 symbols, which costs
/// ln 8 on each of the last 10 steps and nothing elsewhere: 10 ln 8 / (T + 20). Solved: below 1% of that, i.e. under
/// 0.01 ln 8 ≈ 0.021 nats per copied symbol (about 98% of them right and confidently so).
/// </summary>
public sealed class CopyTask : ISequenceTask
{
    /// <summary>Symbols to copy.</summary>
    public const int Symbols = 10;

    /// <summary>Distinct symbols (categories).</summary>
    public const int Categories = 8;

    /// <summary>Index of the blank, as input and as target class.</summary>
    public const int Blank = 8;

    /// <summary>Index of the delimiter (input only).</summary>
    public const int Delimiter = 9;

    /// <summary>The task with <paramref name="length"/> = T ≥ 1 (T − 1 blanks and the delimiter between the symbols and
    /// their copy).</summary>
    public CopyTask(int length)
    {
        if (length < 1)
            throw new ArgumentOutOfRangeException(nameof(length),
            $"--length must be a positive integer for the copy task, got {length}");
        Length = length;
    }

    /// <inheritdoc/>
    public string Name => "copy";

    /// <inheritdoc/>
    public int Length { get; }

    /// <summary>T + 20.</summary>
    public int Steps => Length + 2 * Symbols;

    /// <summary>Ten: one-hot over the 8 symbols, blank and delimiter.</summary>
    public int InputSize => Categories + 2;

    /// <summary>Nine: the 8 symbols and blank.</summary>
    public int Outputs => Categories + 1;

    /// <inheritdoc/>
    public bool Classification => true;

    /// <inheritdoc/>
    public string MetricName => "cross-entropy";

    /// <summary>10 ln 8 / (T + 20).</summary>
    public double Baseline => Symbols * Math.Log(Categories) / Steps;

    /// <summary>1% of the baseline.</summary>
    public double SolvedBelow => Baseline / 100;

    /// <inheritdoc/>
    public SequenceBatch CreateBatch(int batch) => new(Steps, batch, InputSize, classification: true);

    /// <summary>Fresh symbols for every row (class summary); every step counts.</summary>
    public void Fill(SequenceBatch batch, Random rng)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(rng);
        if (batch.Steps != Steps || batch.InputSize != InputSize || batch.Classes is null)
            throw new ShapeMismatchException($"batch: expected (T, B, I) = ({Steps}, B, {InputSize}) with class " +
                $"targets, got {ShapeText.Format(batch.Inputs.Shape)}");
        int rows = batch.BatchSize, steps = Steps, copyFrom = Length + Symbols;
        var x = batch.Inputs;
        var classes = batch.Classes;
        x.Clear();
        batch.Mask.Fill(1);
        Span<int> symbols = stackalloc int[Symbols];
        for (int b = 0; b < rows; b++)
        {
            for (int s = 0; s < Symbols; s++) symbols[s] = rng.Next(Categories);
            for (int t = 0; t < steps; t++)
            {
                int input = t < Symbols ? symbols[t] : t == copyFrom - 1 ? Delimiter : Blank;
                x[t, b, input] = 1;
                classes[t * rows + b] = t < copyFrom ? Blank : symbols[t - copyFrom];
            }
        }
    }
}
