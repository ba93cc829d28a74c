using Recurrent.Losses;
using Recurrent.Tensors;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Losses;

/// <summary>Each loss against values worked out by hand on tiny inputs.</summary>
public class LossValueTests
{
    private static readonly Tensor<double> Y = Tensor<double>.From([1.0, 2, 3, 4], 2, 2);
    private static readonly Tensor<double> T = Tensor<double>.From([0.0, 2, 1, 1], 2, 2);

    [Fact]
    public void MeanSquaredError_IsHalfSquaredNormPerRow_MeanOverRows()
    {
        var gradient = new Tensor<double>(2, 2);
        // rows: ½(1² + 0²) = 0.5 and ½(2² + 3²) = 6.5; mean 3.5; gradient (y − t) / 2
        Approx.Equal(3.5, new MeanSquaredError<double>().Compute(Y, T, null, gradient), 1e-15);
        Approx.Equal([0.5, 0, 1, 1.5], gradient.Span, 1e-15, "gradient");
    }

    [Fact]
    public void SumSquaredError_SumsEveryElement_NoHalfNoMean()
    {
        var gradient = new Tensor<double>(2, 2);
        Approx.Equal(14.0, new SumSquaredError<double>().Compute(Y, T, null, gradient), 1e-15); // 1 + 0 + 4 + 9
        Approx.Equal([2.0, 0, 4, 6], gradient.Span, 1e-15, "gradient");
        Approx.Equal(1.0, new SumSquaredError<double>().Compute(Y, T, LossTestData.Mask(1, 0), null), 1e-15,
            "first row only");
    }

    [Fact]
    public void BinaryCrossEntropy_IsNegativeLogLikelihood()
    {
        var y = Tensor<double>.From([0.9, 0.2, 0.6, 0.5], 2, 2);
        var t = Tensor<double>.From([1.0, 0, 0, 1], 2, 2);
        var gradient = new Tensor<double>(2, 2);
        double expected = (-Math.Log(0.9) - Math.Log(0.8) - Math.Log(0.4) - Math.Log(0.5)) / 2;
        Approx.Equal(expected, new BinaryCrossEntropy<double>().Compute(y, t, null, gradient), 1e-15);
        // ∂/∂y of −[t ln y + (1 − t) ln(1 − y)] = −t/y + (1 − t)/(1 − y), halved by the mean
        Approx.Equal([-1 / 0.9 / 2, 1 / 0.8 / 2, 1 / 0.4 / 2, -1 / 0.5 / 2], gradient.Span, 1e-15, "gradient");
    }

    [Fact]
    public void BinaryCrossEntropy_ClampsCertainWrongAnswers()
    {
        var y = Tensor<double>.From([0.0, 1.0], 1, 2);
        var t = Tensor<double>.From([1.0, 0.0], 1, 2);
        double value = new BinaryCrossEntropy<double>().Compute(y, t, null, null);
        Approx.Equal(-2 * Math.Log(BinaryCrossEntropy<double>.Epsilon), value, 1e-6, "−ln ε per element");
    }

    [Fact]
    public void SoftmaxCrossEntropy_IsMinusLogSoftmaxOfTheTarget()
    {
        var logits = Tensor<double>.From([0.0, Math.Log(2), Math.Log(3)], 1, 3); // softmax = (1/6, 2/6, 3/6)
        var oneHot = Tensor<double>.From([0.0, 0, 1], 1, 3);
        var gradient = new Tensor<double>(1, 3);
        var loss = new SoftmaxCrossEntropy<double>();
        Approx.Equal(Math.Log(2), loss.Compute(logits, oneHot, null, gradient), 1e-15, "−ln ½");
        Approx.Equal([1.0 / 6, 2.0 / 6, -0.5], gradient.Span, 1e-15, "softmax − target");

        var byIndex = new Tensor<double>(1, 3);
        Approx.Equal(Math.Log(2), loss.Compute(logits, [2], null, byIndex), 1e-15, "class-index form");
        Approx.Equal(gradient.Span, byIndex.Span, 1e-15, "class-index gradient");
    }

    [Fact]
    public void SoftmaxCrossEntropy_ClassIndices_EqualOneHotTargets()
    {
        var (logits, _) = LossTestData.Batch("softmax-ce", 5, 4, seed: 6);
        int[] classes = [3, 0, 2, 2, 1];
        var oneHot = new Tensor<double>(5, 4);
        for (int r = 0; r < 5; r++) oneHot[r, classes[r]] = 1;
        var mask = LossTestData.Mask(1, 1, 0, 1, 1);
        var (g1, g2) = (new Tensor<double>(5, 4), new Tensor<double>(5, 4));
        var loss = new SoftmaxCrossEntropy<double>();
        Approx.Equal(loss.Compute(logits, oneHot, mask, g1), loss.Compute(logits, classes, mask, g2), 1e-15, "value");
        Approx.Equal(g1.Span, g2.Span, 1e-15, "gradient");
    }

    [Fact]
    public void SoftmaxCrossEntropy_GradientWrittenOverTheLogits_EqualsASeparateGradient()
    {
        var (logits, _) = LossTestData.Batch("softmax-ce", 5, 4, seed: 7);
        int[] classes = [1, 0, 3, 2, 1];
        var mask = LossTestData.Mask(1, 0, 1, 1, 1);
        var loss = new SoftmaxCrossEntropy<double>();
        var separate = new Tensor<double>(5, 4);
        double expected = loss.Compute(logits, classes, mask, separate);
        var inPlace = logits.Clone();
        Approx.Equal(expected, loss.Compute(inPlace, classes, mask, inPlace), 1e-15, "value");
        Approx.Equal(separate.Span, inPlace.Span, 1e-15, "gradient");
    }

    [Fact]
    public void SoftmaxCrossEntropy_LogitsNear1000_StayFinite()
    {
        var logits = Tensor<float>.From([1000f, 1001f, 1002f, -1000f, 0f, 1000f], 2, 3);
        var gradient = new Tensor<float>(2, 3);
        float value = new SoftmaxCrossEntropy<float>().Compute(logits, [0, 2], null, gradient);
        double row0 = Math.Log(1 + Math.E + Math.E * Math.E); // −ln softmax(0, 1, 2)[0]
        Approx.Equal((row0 + 0) / 2, value, 1e-5, "value"); // row 1: class 2 holds all the mass, cost ≈ 0
        Assert.All(gradient.Span.ToArray(), g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void SoftmaxCrossEntropy_ClassOutOfRange_SaysWhichRowAndTheRange()
    {
        var loss = new SoftmaxCrossEntropy<float>();
        var logits = new Tensor<float>(3, 4);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => loss.Compute(logits, [0, 4, 1], null, null));
        Assert.Contains("classes[1] = 4 is outside [0, 4)", e.Message);
        // a masked row's class is padding and is not read
        loss.Compute(logits, [0, -1, 1], Tensor<float>.From([1f, 0f, 1f], 3), null);
        var shape = Assert.Throws<ShapeMismatchException>(() => loss.Compute(logits, [0, 1], null, null));
        Assert.Equal("classes: expected (N) = (3), got (2)", shape.Message);
    }
}
