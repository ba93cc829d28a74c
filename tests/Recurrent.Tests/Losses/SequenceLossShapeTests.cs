using Recurrent.Losses;
using Recurrent.Tensors;

namespace Recurrent.Tests.Losses;

/// <summary>Wrong shapes and wrong kinds of targets fail with messages that say what was expected and what came.
/// </summary>
public class SequenceLossShapeTests
{
    private static readonly SequenceLoss<float> Mse = SequenceLoss<float>.Create(LossKind.MeanSquaredError);
    private static readonly SequenceLoss<float> CrossEntropy = SequenceLoss<float>.Create(LossKind.CrossEntropy);

    [Fact]
    public void SequencePrediction_WrongShapes_NameExpectedAndGot()
    {
        var y = new Tensor<float>(3, 2, 4);
        var t = new Tensor<float>(3, 2, 4);
        Assert.Equal("target: expected (T, B, K) = (3, 2, 4), got (3, 2, 5)",
            Assert.Throws<ShapeMismatchException>(() => Mse.Compute(y, new Tensor<float>(3, 2, 5))).Message);
        Assert.Equal("mask: expected (T, B) = (3, 2) or (T·B) = (6), got (2, 3)",
            Assert.Throws<ShapeMismatchException>(() => Mse.Compute(y, t, new Tensor<float>(2, 3))).Message);
        Assert.Equal("gradient: expected (T, B, K) = (3, 2, 4), got (3, 2, 3)",
            Assert.Throws<ShapeMismatchException>(() => Mse.Compute(y, t, null, new Tensor<float>(3, 2, 3))).Message);
        Assert.Equal("classes: expected (T·B) = (6), got (5)",
            Assert.Throws<ShapeMismatchException>(() => CrossEntropy.Compute(y, new int[5])).Message);
    }

    [Fact]
    public void PerSequencePrediction_WrongShapes_NameExpectedAndGot()
    {
        var y = new Tensor<float>(3, 4);
        Assert.Equal("target: expected (B, K) = (3, 4), got (3, 2, 4)",
            Assert.Throws<ShapeMismatchException>(() => Mse.Compute(y, new Tensor<float>(3, 2, 4))).Message);
        Assert.Equal("mask: expected (B) = (3), got (4)",
            Assert.Throws<ShapeMismatchException>(() => Mse.Compute(y, y, new Tensor<float>(4))).Message);
        Assert.Equal("classes: expected (B) = (3), got (6)",
            Assert.Throws<ShapeMismatchException>(() => CrossEntropy.Compute(y, new int[6])).Message);
        Assert.Equal("prediction: expected (T, B, K) or (B, K), got (4)",
            Assert.Throws<ShapeMismatchException>(() => Mse.Compute(new Tensor<float>(4), new Tensor<float>(4)))
                .Message);
    }

    [Fact]
    public void WrongKindOfTargets_SaysWhichKindTheLossTakes()
    {
        var y = new Tensor<float>(3, 4);
        Assert.StartsWith("mse takes values of the prediction's shape (SequenceTargets<T>.Values), got class ids",
            Assert.Throws<ArgumentException>(() => Mse.Compute(y, new int[3])).Message);
        Assert.StartsWith("cross-entropy takes class ids (SequenceTargets<T>.Classes), got values",
            Assert.Throws<ArgumentException>(() => CrossEntropy.Compute(y, y)).Message);
    }

    [Fact]
    public void ClassOutOfRange_SaysWhichRowAndTheRange_ButPaddingMayHoldAnything()
    {
        var y = new Tensor<float>(2, 2, 4);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CrossEntropy.Compute(y, new[] { 0, 1, 4, 2 }));
        Assert.Contains("classes[2] = 4 is outside [0, 4)", e.Message);
        var mask = SequenceMask.FromLengths<float>([2, 1], steps: 2); // row 3 = (t 1, b 1) is padding
        AssertNear(MathF.Log(4), CrossEntropy.Compute(y, new[] { 0, 1, 2, -1 }, mask));
        Assert.Throws<ArgumentOutOfRangeException>(() => SequenceMask.FromLengths<float>([3], steps: 2));
    }

    private static void AssertNear(float expected, float actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6, $"expected {expected}, got {actual}");
}
