namespace Recurrent.Lab.Examples;

/// <summary>
/// A task over bit sequences that an RNN reads one step at a time (binary addition and parity,
/// docs/equations.md#memory-tasks): how an
/// input of a given length is laid out in steps, and its target class (0 or 1) at each step.
/// </summary>
public interface IBitTask
{
    /// <summary>Short name, e.g. "binary-addition".</summary>
    string Name { get; }

    /// <summary>Features per step I.</summary>
    int InputSize { get; }

    /// <summary>True when only the last step's target counts (many-to-one); otherwise every step's does
    /// (many-to-many).</summary>
    bool ManyToOne { get; }

    /// <summary>Steps that an input of <paramref name="length"/> takes (bits per operand, or bits in the
    /// string).</summary>
    int StepsFor(int length);

    /// <summary>Draws one random input of <paramref name="length"/> from <paramref name="rng"/>.</summary>
    /// <param name="inputs">(steps, I) receives the input, step by step.</param>
    /// <param name="targets">(steps) receives the target class at every step (only the last counts for
    /// many-to-one).</param>
    void Sample(Random rng, int length, Span<float> inputs, Span<int> targets);

    /// <summary>
    /// Outputs of the fixed-width MLP baseline built for inputs of up to <paramref name="trainLength"/>: the target
    /// bits it predicts from the first <paramref name="trainLength"/> steps (the low sum bits, or the one parity bit).
    /// </summary>
    int MlpOutputs(int trainLength);
}
