namespace Recurrent.Lab.Tasks;

/// <summary>
/// A time-major batch of a sequence task: what the network reads, where the cost is taken and what it should say there,
/// either as class indices (softmax cross-entropy) or as values (squared error). Refilled in place by the tasks, so a
/// training loop allocates it once.
/// Glossary: T steps, B rows, I features per step, O outputs per step.
/// </summary>
public sealed class SequenceBatch
{
    /// <summary>A batch that owns its buffers: classes when <paramref name="classification"/>, else one value per
    /// step.</summary>
    public SequenceBatch(int steps, int batch, int inputSize, bool classification)
        : this(new Tensor<float>(steps, batch, inputSize), [], new Tensor<float>(steps * batch),
               classification ? new int[steps * batch] : null, classification ? null
                   : new Tensor<float>(steps * batch, 1))
    {
    }

    /// <summary>A batch over existing buffers (e.g. a bit task's <see cref="Examples.BitBatch"/>), shared, not
    /// copied.</summary>
    /// <param name="inputs">x (T, B, I).</param>
    /// <param name="lengths">L_b (B), or empty when every row is T steps long.</param>
    /// <param name="mask">Row mask (T·B) of the loss, row t·B + b.</param>
    /// <param name="classes">Target class per row (T·B), or null for a regression task.</param>
    /// <param name="values">Target values (T·B, 1), or null for a classification task.</param>
    public SequenceBatch(Tensor<float> inputs, int[] lengths, Tensor<float> mask, int[]? classes, Tensor<float>? values)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(mask);
        if (inputs.Rank != 3)
            throw new ShapeMismatchException($"inputs: expected (T, B, I), got {ShapeText.Format(inputs.Shape)}");
        int rows = inputs.Dim(0) * inputs.Dim(1);
        if (mask.Length != rows)
            throw new ShapeMismatchException($"mask: expected (T·B) = ({rows}), got ({mask.Length})");
        if ((classes is null) == (values is null))
            throw new ArgumentException("give exactly one of classes and values");
        if (classes is not null && classes.Length != rows)
            throw new ShapeMismatchException($"classes: expected (T·B) = ({rows}), got ({classes.Length})");
        if (values is not null && !values.HasShape(rows, 1))
            throw new ShapeMismatchException($"values: expected (T·B, 1) = ({rows}, 1), got " +
            $"{ShapeText.Format(values.Shape)}");
        if (lengths.Length is not 0 && lengths.Length != inputs.Dim(1))
            throw new ShapeMismatchException($"lengths: expected (B) = ({inputs.Dim(1)}), got ({lengths.Length})");
        (Inputs, Lengths, Mask, Classes, Values) = (inputs, lengths, mask, classes, values);
    }

    /// <summary>x (T, B, I).</summary>
    public Tensor<float> Inputs { get; }

    /// <summary>L_b (B), or empty when every row is T steps long.</summary>
    public int[] Lengths { get; }

    /// <summary>Row mask (T·B) of the loss: 1 where a target counts.</summary>
    public Tensor<float> Mask { get; }

    /// <summary>Target class of row t·B + b (T·B), or null for regression.</summary>
    public int[]? Classes { get; }

    /// <summary>Target value of row t·B + b (T·B, 1), or null for classification.</summary>
    public Tensor<float>? Values { get; }

    /// <summary>T.</summary>
    public int Steps => Inputs.Dim(0);

    /// <summary>B.</summary>
    public int BatchSize => Inputs.Dim(1);

    /// <summary>I.</summary>
    public int InputSize => Inputs.Dim(2);
}
