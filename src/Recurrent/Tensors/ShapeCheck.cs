namespace Recurrent.Tensors;

/// <summary>
/// Shape checks at public boundaries, with messages of the form
/// "input: expected (B, I) = (50, 65), got (50, 64)".
/// </summary>
public static class ShapeCheck
{
    /// <summary>Throws unless <paramref name="tensor"/> has exactly <paramref name="expected"/> as its shape.</summary>
    /// <param name="tensor">The tensor received.</param>
    /// <param name="what">What it is, e.g. "input".</param>
    /// <param name="dims">Names of the dimensions, e.g. "(B, I)".</param>
    /// <param name="expected">The expected sizes (a params span: checks on a hot path allocate nothing).</param>
    public static void Require<T>(Tensor<T> tensor, string what, string dims, params ReadOnlySpan<int> expected)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!tensor.HasShape(expected))
            throw new ShapeMismatchException(
                $"{what}: expected {dims} = {ShapeText.Format(expected)}, got {ShapeText.Format(tensor.Shape)}");
    }

    /// <summary>Throws unless the two tensors have the same shape.</summary>
    public static void Same<T>(Tensor<T> a, Tensor<T> b, string whatA, string whatB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!a.HasShape(b.Shape))
            throw new ShapeMismatchException(
                $"{whatA} and {whatB} must have the same shape, got {ShapeText.Format(a.Shape)} and " +
                    $"{ShapeText.Format(b.Shape)}");
    }
}
