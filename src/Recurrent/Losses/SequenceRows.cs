namespace Recurrent.Losses;

/// <summary>
/// What sequence losses and metrics share: the shape checks at the boundary and the view of a (T, B, K) or (B, K)
/// prediction as N rows of K, row r = t·B + b (time-major) or r = b. A row is counted with weight w_r = mask[r]
/// (1 without a mask); rows with w_r = 0 are never read, so their predictions and targets may hold anything.
/// </summary>
internal static class SequenceRows
{
    /// <summary>
    /// Checks prediction (T, B, K) or (B, K), targets (class ids (T·B) or (B), or values of the prediction's shape),
    /// mask (T, B), (T·B) or (B), and gradient (the prediction's shape), and that every counted row's class id is in
    /// [0, K). Returns N and K.
    /// </summary>
    /// <param name="user">The loss or metric's name, for the message when the kind of targets is wrong.</param>
    /// <param name="classTargets">True when <paramref name="user"/> takes class ids, false when it takes values.
    /// </param>
    public static (int Rows, int K) Check<T>(Tensor<T> prediction, SequenceTargets<T> targets, Tensor<T>? mask,
        Tensor<T>? gradient, string user, bool classTargets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(targets);
        if (prediction.Rank is not (2 or 3))
            throw new ShapeMismatchException(
                $"prediction: expected (T, B, K) or (B, K), got {ShapeText.Format(prediction.Shape)}");
        bool sequence = prediction.Rank == 3;
        int[] shape = prediction.Shape;
        int rows = sequence ? shape[0] * shape[1] : shape[0], k = shape[^1];
        string dims = sequence ? "(T, B, K)" : "(B, K)";

        if (targets.IsClasses != classTargets)
            throw new ArgumentException(classTargets
                ? $"{user} takes class ids (SequenceTargets<T>.Classes), got values"
                : $"{user} takes values of the prediction's shape (SequenceTargets<T>.Values), got class ids",
                nameof(targets));
        if (classTargets && targets.ClassIds.Length != rows)
            throw new ShapeMismatchException(
                $"classes: expected {(sequence ? "(T·B)" : "(B)")} = ({rows}), got ({targets.ClassIds.Length})");
        if (!classTargets) ShapeCheck.Require(targets.ValueTensor!, "target", dims, shape);

        if (mask is not null)
        {
            if (!sequence) ShapeCheck.Require(mask, "mask", "(B)", rows);
            else if (!mask.HasShape(shape[0], shape[1]) && !mask.HasShape(rows))
                throw new ShapeMismatchException($"mask: expected (T, B) = ({shape[0]}, {shape[1]}) or (T·B) = " +
                    $"({rows}), got {ShapeText.Format(mask.Shape)}");
        }
        if (gradient is not null) ShapeCheck.Require(gradient, "gradient", dims, shape);

        if (classTargets)
        {
            var ids = targets.ClassIds.Span;
            for (int r = 0; r < rows; r++)
                if (Weight(mask, r) != T.Zero && (uint)ids[r] >= (uint)k)
                    throw new ArgumentOutOfRangeException(nameof(targets),
                        $"classes[{r}] = {ids[r]} is outside [0, {k}) for predictions of {k} classes");
        }
        return (rows, k);
    }

    /// <summary>Σ_r w_r: N without a mask, else the mask's sum.</summary>
    public static double Counted<T>(Tensor<T>? mask, int rows) where T : unmanaged, IFloatingPointIeee754<T> =>
        mask is null ? rows : double.CreateChecked(TensorPrimitives.Sum<T>(mask.Span));

    /// <summary>w_r: 1 without a mask, else mask[r] (every mask shape is time-major, so flat index r).</summary>
    public static T Weight<T>(Tensor<T>? mask, int row) where T : unmanaged, IFloatingPointIeee754<T> =>
        mask is null ? T.One : mask.Span[row];

    /// <summary>Row r (K) of a tensor seen as N rows of K.</summary>
    public static Span<T> Row<T>(Tensor<T> tensor, int row, int k) where T : unmanaged, IFloatingPointIeee754<T> =>
        tensor.Span.Slice(row * k, k);
}
