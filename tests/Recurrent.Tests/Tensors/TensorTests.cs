namespace Recurrent.Tests.Tensors;

using Recurrent.Tensors;

public class TensorTests
{
    [Fact]
    public void TimeStepView_SharesStorageWithoutCopy()
    {
        var seq = new Tensor<float>(3, 2, 4); // (T, B, H)
        var step = seq[1];
        step[1, 2] = 7f;
        Assert.Equal(new[] { 2, 4 }, step.Shape);
        Assert.Equal(7f, seq[1, 1, 2]);
        Assert.Equal(8 + 4 + 2, Array.IndexOf(seq.Data, 7f));
    }

    [Fact]
    public void Slice_TakesRowBlock()
    {
        var m = Tensor<double>.From(Enumerable.Range(0, 12).Select(i => (double)i).ToArray(), 4, 3);
        var block = m.Slice(1, 2);
        Assert.Equal(new[] { 2, 3 }, block.Shape);
        Assert.Equal(3.0, block[0, 0]);
        Assert.Equal(8.0, block[1, 2]);
    }

    [Fact]
    public void Reshape_WrongVolume_NamesBothShapes()
    {
        var m = new Tensor<float>(4, 3);
        var e = Assert.Throws<ShapeMismatchException>(() => m.Reshape(5, 2));
        Assert.Contains("(4, 3)", e.Message);
        Assert.Contains("(5, 2)", e.Message);
    }

    [Fact]
    public void ShapeCheck_MessageSaysExpectedAndGot()
    {
        var x = new Tensor<float>(50, 64);
        var e = Assert.Throws<ShapeMismatchException>(() => ShapeCheck.Require(x, "input", "(B, I)", 50, 65));
        Assert.Equal("input: expected (B, I) = (50, 65), got (50, 64)", e.Message);
    }
}
