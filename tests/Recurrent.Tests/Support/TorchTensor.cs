using System.Numerics;
using Recurrent.Tensors;

namespace Recurrent.Tests.Support;

/// <summary>One tensor of a reference fixture, widened to double: its shape and its values in row-major
/// order.</summary>
internal sealed record TorchTensor(int[] Shape, double[] Values)
{
    /// <summary>The values as a tensor of T (float rounds, double is exact).</summary>
    public Tensor<T> ToTensor<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tensor = new Tensor<T>(Shape);
        for (int i = 0; i < Values.Length; i++) tensor.Span[i] = T.CreateTruncating(Values[i]);
        return tensor;
    }

    /// <inheritdoc/>
    public override string ToString() => ShapeText.Format(Shape);
}
