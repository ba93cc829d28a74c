namespace Recurrent.Lab.Examples;

/// <summary>
/// Parity (docs/equations.md#memory-tasks), many-to-one: a bit string, one bit per step (I = 1); the target, counted at
/// the last step only,
/// is 1 when the number of ones is odd. The targets written at earlier steps are the running parity (not trained on).
/// </summary>
public sealed class ParityTask : IBitTask
{
    /// <inheritdoc/>
    public string Name => "parity";

    /// <inheritdoc/>
    public int InputSize => 1;

    /// <inheritdoc/>
    public bool ManyToOne => true;

    /// <inheritdoc/>
    public int StepsFor(int length) => length;

    /// <summary>Uniform random bits; target t is the parity of bits 0..t.</summary>
    public void Sample(Random rng, int length, Span<float> inputs, Span<int> targets)
    {
        if (inputs.Length != length || targets.Length != length)
            throw new ArgumentException($"expected inputs (steps, I) = ({length}, 1) and targets ({length}), got " +
                $"{inputs.Length} and {targets.Length} values");
        int parity = 0;
        for (int t = 0; t < length; t++)
        {
            int bit = rng.Next(2);
            inputs[t] = bit;
            parity ^= bit;
            targets[t] = parity;
        }
    }

    /// <summary>One: the parity of the string.</summary>
    public int MlpOutputs(int trainLength) => 1;
}
