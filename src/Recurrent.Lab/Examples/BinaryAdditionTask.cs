namespace Recurrent.Lab.Examples;

/// <summary>
/// Binary addition (docs/equations.md#memory-tasks), many-to-many: two N-bit numbers a and b, least significant bit
/// first, one bit of each
/// per step (I = 2), and a final step of (0, 0), so N + 1 steps; the target at step t is bit t of a + b.
/// The RNN has to learn the carry; having learnt it, it adds numbers of any length.
/// </summary>
public sealed class BinaryAdditionTask : IBitTask
{
    /// <inheritdoc/>
    public string Name => "binary-addition";

    /// <inheritdoc/>
    public int InputSize => 2;

    /// <inheritdoc/>
    public bool ManyToOne => false;

    /// <summary>N + 1: the bits of the operands, then the step that emits the last carry.</summary>
    public int StepsFor(int length) => length + 1;

    /// <summary>Uniform random bits for a and b; targets by ripple-carry addition s_t = a_t ⊕ b_t ⊕ c_t, c_{t+1} =
    /// maj(a_t, b_t, c_t).</summary>
    public void Sample(Random rng, int length, Span<float> inputs, Span<int> targets)
    {
        int steps = StepsFor(length);
        if (inputs.Length != 2 * steps || targets.Length != steps)
            throw new ArgumentException($"expected inputs (steps, I) = ({steps}, 2) and targets ({steps}), got " +
                $"{inputs.Length} and {targets.Length} values");
        int carry = 0;
        for (int t = 0; t < steps; t++)
        {
            int a = t < length ? rng.Next(2) : 0, b = t < length ? rng.Next(2) : 0;
            inputs[2 * t] = a;
            inputs[2 * t + 1] = b;
            int sum = a + b + carry;
            targets[t] = sum & 1;
            carry = sum >> 1;
        }
    }

    /// <summary>N + 1: every bit of the sum of two numbers of up to N bits.</summary>
    public int MlpOutputs(int trainLength) => trainLength + 1;
}
