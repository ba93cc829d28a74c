namespace Recurrent.Lab.Examples;

/// <summary>
/// A batch of random inputs of an <see cref="IBitTask"/>, time-major and padded to the longest: what the RNN reads,
/// the class targets and the loss's row mask (the real steps for many-to-many, each row's last real step for
/// many-to-one). Refilled in place, so a training loop allocates it once.
/// Glossary: T steps (of the longest allowed input), B rows, I features per step, L_b steps of row b.
/// </summary>
public sealed class BitBatch
{
    private readonly float[] _rowInputs;  // (T, I) one input while it is drawn
    private readonly int[] _rowTargets;   // (T)

    /// <param name="task">The task.</param>
    /// <param name="batch">B.</param>
    /// <param name="maxLength">The longest input length this batch holds (T = task.StepsFor(maxLength)).</param>
    public BitBatch(IBitTask task, int batch, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        Task = task;
        MaxLength = maxLength;
        int steps = task.StepsFor(maxLength);
        Inputs = new Tensor<float>(steps, batch, task.InputSize);
        Lengths = new int[batch];
        Classes = new int[steps * batch];
        Mask = new Tensor<float>(steps * batch);
        _rowInputs = new float[steps * task.InputSize];
        _rowTargets = new int[steps];
    }

    /// <summary>The task.</summary>
    public IBitTask Task { get; }

    /// <summary>The longest input length the batch holds.</summary>
    public int MaxLength { get; }

    /// <summary>T.</summary>
    public int Steps => Inputs.Dim(0);

    /// <summary>B.</summary>
    public int BatchSize => Inputs.Dim(1);

    /// <summary>x (T, B, I), zero at padded steps.</summary>
    public Tensor<float> Inputs { get; }

    /// <summary>L_b (B), the steps of each row.</summary>
    public int[] Lengths { get; }

    /// <summary>Target class of step t of row b at [t·B + b] (T·B); 0 at padded steps.</summary>
    public int[] Classes { get; }

    /// <summary>Row mask (T·B) of the loss: 1 where a target counts.</summary>
    public Tensor<float> Mask { get; }

    /// <summary>Draws every row afresh, each with an input length uniform in [<paramref name="minLength"/>,
    /// <paramref name="maxLength"/>].</summary>
    public void Fill(Random rng, int minLength, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (minLength < 1 || maxLength < minLength || maxLength > MaxLength)
            throw new ArgumentOutOfRangeException(nameof(maxLength),
                $"lengths must satisfy 1 ≤ {minLength} ≤ {maxLength} ≤ {MaxLength}");
        Inputs.Clear();
        Array.Clear(Classes);
        Mask.Clear();
        int batch = BatchSize, inputSize = Task.InputSize;
        var x = Inputs.Span;
        var mask = Mask.Span;
        for (int b = 0; b < batch; b++)
        {
            int length = rng.Next(minLength, maxLength + 1);
            int steps = Task.StepsFor(length);
            Lengths[b] = steps;
            Task.Sample(rng, length, _rowInputs.AsSpan(0, steps * inputSize), _rowTargets.AsSpan(0, steps));
            for (int t = 0; t < steps; t++)
            {
                _rowInputs.AsSpan(t * inputSize, inputSize).CopyTo(x.Slice((t * batch + b) * inputSize, inputSize));
                Classes[t * batch + b] = _rowTargets[t];
                if (!Task.ManyToOne || t == steps - 1) mask[t * batch + b] = 1;
            }
        }
    }
}
