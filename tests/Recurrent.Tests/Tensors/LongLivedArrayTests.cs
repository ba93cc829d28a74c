using Recurrent.Tensors;
using Xunit;

namespace Recurrent.Tests.Tensors;

public class LongLivedArrayTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(6400)]    // a (50, 128) float step buffer, 25.6 KB: pinned heap
    [InlineData(21_249)]  // just under the 85,000-byte large-object threshold
    [InlineData(21_250)]  // at it: an ordinary array, on the large object heap
    [InlineData(330_000)] // a (T + 1, B, H) state block
    public void Arrays_AreZeroAndBornInTheOldestGeneration(int length)
    {
        float[] array = LongLivedArray.Allocate<float>(length);
        Assert.Equal(length, array.Length);
        Assert.All(array, v => Assert.Equal(0f, v));
        // Neither the pinned nor the large object heap passes through gen0: nothing is copied as the array survives.
        Assert.Equal(GC.MaxGeneration, GC.GetGeneration(array));
    }

    [Fact]
    public void Empty_IsTheSharedEmptyArray() => Assert.Same(Array.Empty<double>(), LongLivedArray.Allocate<double>(0));

    [Fact]
    public void Tensor_HasTheShapeAndZeros()
    {
        var t = LongLivedArray.Tensor<double>(3, 4);
        Assert.Equal(new[] { 3, 4 }, t.Shape.ToArray());
        Assert.Equal(12, t.Length);
        Assert.All(t.Data, v => Assert.Equal(0.0, v));
    }
}
