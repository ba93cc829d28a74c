namespace Recurrent.Layers.Recurrent;

/// <summary>
/// Inputs and cost masks for the four <see cref="SequenceShape"/>s. The pattern for any of them:
/// <code>
/// x = shape has one input ? SequenceShapes.FirstStepOnly(x0, T) : x            // (T, B, I)
/// y = head.Forward(stack.Forward(x, lengths))                                     // (T, B, O), TimeDistributed head
/// mask = SequenceShapes.CostMask&lt;T&gt;(shape, T, lengths, B)                        // (T·B)
/// cost = loss.Compute(y.Reshape(T·B, O), targets.Reshape(T·B, O), mask, dy.Reshape(T·B, O))
/// stack.Backward(head.Backward(dy))
/// </code>
/// The masked loss zeroes dy wherever no cost is taken, so the gradient reaches earlier steps only through the
/// recurrence.
/// </summary>
public static class SequenceShapes
{
    /// <summary>True when the shape has an input at step 0 only.</summary>
    public static bool HasSingleInput(SequenceShape shape)
        => shape is SequenceShape.OneToMany or SequenceShape.OneInputOneOutput;

    /// <summary>True when the shape has a cost at the last real step only.</summary>
    public static bool HasSingleCost(SequenceShape shape)
        => shape is SequenceShape.ManyToOne or SequenceShape.OneInputOneOutput;

    /// <summary>
    /// The (T·B) row mask of the steps that carry a cost, row t·B + b: for every real step t &lt; L_b (many-to-many,
    /// one-to-many), or for t = L_b − 1 only (many-to-one, SISO). Padded steps and rows of length 0 carry none.
    /// </summary>
    /// <param name="lengths">L_b (B), or empty when every row has T steps.</param>
    public static Tensor<T> CostMask<T>(SequenceShape shape, int steps, ReadOnlySpan<int> lengths, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        if (!lengths.IsEmpty && lengths.Length != batch)
            throw new ShapeMismatchException($"lengths: expected (B) = ({batch}), got ({lengths.Length})");
        var mask = new Tensor<T>(steps * batch);
        var m = mask.Span;
        bool single = HasSingleCost(shape);
        for (int b = 0; b < batch; b++)
        {
            int length = lengths.IsEmpty ? steps : lengths[b];
            if (length < 0 || length > steps) throw new ArgumentOutOfRangeException(nameof(lengths),
                $"lengths[{b}] = {length} is outside [0, {steps}]");
            for (int t = single ? Math.Max(length - 1, 0) : 0; t < length; t++) m[t * batch + b] = T.One;
        }
        return mask;
    }

    /// <summary>x (T, B, I) with x0 (B, I) at step 0 and zeros after: the input of one-to-many and SISO.</summary>
    public static Tensor<T> FirstStepOnly<T>(Tensor<T> firstInput, int steps) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(firstInput);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        if (firstInput.Rank != 2)
            throw new ShapeMismatchException($"first input: expected (B, I), got {ShapeText.Format(firstInput.Shape)}");
        var x = new Tensor<T>(steps, firstInput.Dim(0), firstInput.Dim(1));
        firstInput.Span.CopyTo(x.Span);
        return x;
    }

    /// <summary>
    /// One-to-many generation (SIMO, docs/equations.md#bptt): x_0 = <paramref name="firstInput"/>; for t = 0 … T − 1,
    /// ŷ_t = head(stack.Step(x_t)) and x_{t+1} = feedback(ŷ_t) (by default ŷ_t itself, which needs O = I).
    /// The same outputs as a Forward over [x_0, x_1, …] built from them (tested).
    /// </summary>
    /// <param name="stack">A forward-only stack.</param>
    /// <param name="head">Row-wise output layer (B, H) → (B, O), e.g. a Dense.</param>
    /// <param name="firstInput">x_0 (B, I).</param>
    /// <param name="steps">T.</param>
    /// <param name="feedback">Writes x_{t+1} (B, I, second argument) from ŷ_t (B, O, first); null copies ŷ_t.</param>
    /// <param name="states">Initial states, one per layer, updated in place; null starts from zeros.</param>
    /// <returns>ŷ (T, B, O), a new tensor.</returns>
    public static Tensor<T> Generate<T>(RecurrentStack<T> stack, ILayer<T> head, Tensor<T> firstInput, int steps,
        Action<Tensor<T>, Tensor<T>>? feedback = null, RecurrentState<T>[]? states = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(firstInput);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        ShapeCheck.Require(firstInput, "first input", "(B, I)", firstInput.Rows, stack.Options.InputSize);
        int batch = firstInput.Dim(0);
        states ??= stack.CreateStates(batch);
        var x = firstInput.Clone(); // x_t (B, I)
        Tensor<T>? outputs = null;
        for (int t = 0; t < steps; t++)
        {
            var y = head.Forward(stack.Step(x, states)); // (B, O)
            outputs ??= new Tensor<T>(steps, batch, y.RowLength);
            y.Span.CopyTo(outputs[t].Span);
            if (t == steps - 1) break;
            if (feedback is not null) feedback(y, x);
            else
            {
                ShapeCheck.Same(y, x, "output fed back", "input");
                y.Span.CopyTo(x.Span);
            }
        }
        return outputs!;
    }
}
