namespace Recurrent.Tensors;

/// <summary>Formatting and volume of shapes, so every message writes them the same way: (50, 65).</summary>
public static class ShapeText
{
    /// <summary>Writes a shape as "(50, 65)".</summary>
    public static string Format(ReadOnlySpan<int> shape) => "(" + string.Join(", ", shape.ToArray()) + ")";

    /// <summary>Product of the dimensions; rejects negative sizes.</summary>
    public static int Volume(ReadOnlySpan<int> shape)
    {
        long volume = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ShapeMismatchException($"shape {Format(shape)} has a negative dimension");
            volume *= d;
            if (volume > Array.MaxLength)
                throw new ShapeMismatchException($"shape {Format(shape)} is too large for one array");
        }
        return (int)volume;
    }
}
