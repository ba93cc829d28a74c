using Recurrent.Losses;
using Recurrent.Tensors;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Losses;

/// <summary>Each sequence loss against numbers worked out by hand.</summary>
public class SequenceLossValueTests
{
    // (B, K) = (2, 2): d = y − t = (1, 0, 2, 3)
    private static readonly Tensor<double> Y = Tensor<double>.From([1.0, 2, 3, 4], 2, 2);
    private static readonly Tensor<double> T = Tensor<double>.From([0.0, 2, 1, 1], 2, 2);

    [Fact]
    public void CrossEntropy_WithLabelSmoothing_IsCrossEntropyAgainstTheSmoothedTarget()
    {
        // softmax(0, ln 2, ln 3) = (1/6, 2/6, 3/6); ε = 0.1, class 2: q = (1/30, 1/30, 28/30)
        var logits = Tensor<double>.From([0.0, Math.Log(2), Math.Log(3)], 1, 3);
        var gradient = new Tensor<double>(1, 3);
        double value = new CrossEntropyLoss<double>(labelSmoothing: 0.1).Compute(logits, new[] { 2 }, null, gradient);
        double expected = (Math.Log(6) + Math.Log(3) + 28 * Math.Log(2)) / 30; // −Σ q ln p ≈ 0.743283
        Approx.Equal(expected, value, 1e-15, "value");
        Approx.Equal([1.0 / 6 - 1.0 / 30, 2.0 / 6 - 1.0 / 30, 0.5 - 28.0 / 30], gradient.Span, 1e-15, "p − q");
    }

    [Fact]
    public void CrossEntropy_OnSequence_IsMeanOverCountedSteps()
    {
        // (T, B, K) = (2, 2, 3); sequence 1 has one step. Rows 0, 1, 2 counted, each −ln softmax[class].
        var logits = Tensor<double>.From([0.0, Math.Log(2), Math.Log(3), 0, 0, 0, 1, 1, 1, 5, 5, 5], 2, 2, 3);
        int[] classes = [2, 0, 1, -1];
        var mask = SequenceMask.FromLengths<double>([2, 1], steps: 2);
        double expected = (Math.Log(2) + Math.Log(3) + Math.Log(3)) / 3;
        var loss = SequenceLoss<double>.Create(LossKind.CrossEntropy);
        Approx.Equal(expected, loss.Compute(logits, classes, mask), 1e-15);
    }

    [Fact]
    public void MeanSquaredError_IsMeanOverElements_NoHalf()
    {
        var gradient = new Tensor<double>(2, 2);
        var loss = new MeanSquaredErrorLoss<double>();
        Approx.Equal(14.0 / 4, loss.Compute(Y, T, null, gradient), 1e-15); // (1 + 0 + 4 + 9) / 4
        Approx.Equal([0.5, 0, 1, 1.5], gradient.Span, 1e-15, "2 d / 4");
        Approx.Equal(0.5, loss.Compute(Y, T, Tensor<double>.From([1.0, 0], 2)), 1e-15, "first row: 1 / 2");
    }

    [Fact]
    public void MeanAbsoluteError_IsMeanOfAbsoluteDifferences_ZeroSubgradientAtZero()
    {
        var gradient = new Tensor<double>(2, 2);
        Approx.Equal(6.0 / 4, new MeanAbsoluteErrorLoss<double>().Compute(Y, T, null, gradient), 1e-15);
        Approx.Equal([0.25, 0, 0.25, 0.25], gradient.Span, 1e-15, "sign(d) / 4, sign(0) = 0");
    }

    [Fact]
    public void Huber_IsQuadraticWithinDeltaAndLinearBeyond()
    {
        var y = Tensor<double>.From([0.5, -0.5, 2, -3], 2, 2); // d = y − 0
        var zero = new Tensor<double>(2, 2);
        var gradient = new Tensor<double>(2, 2);
        // δ = 1: ½·0.25, ½·0.25, 1·(2 − ½), 1·(3 − ½) → 4.25 / 4
        Approx.Equal(4.25 / 4, new HuberLoss<double>().Compute(y, zero, null, gradient), 1e-15, "δ = 1");
        Approx.Equal([0.125, -0.125, 0.25, -0.25], gradient.Span, 1e-15, "δ = 1 gradient");
        // δ = 2: |d| = 2 is still quadratic (½·4); 2·(3 − 1) beyond → (0.125 + 0.125 + 2 + 4) / 4
        Approx.Equal(6.25 / 4, new HuberLoss<double>(delta: 2).Compute(y, zero, null, gradient), 1e-15, "δ = 2");
        Approx.Equal([0.125, -0.125, 0.5, -0.5], gradient.Span, 1e-15, "δ = 2 gradient");
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_IsStableAtLogitsOfHundred()
    {
        // z = 100 with t = 1 costs e^{−100}; z = −100 with t = 1 and z = 100 with t = 0 cost 100; z = 0 costs ln 2
        double[] z = [100, -100, 0, 100], t = [1, 1, 0.5, 0];
        var gradient = new Tensor<double>(2, 2);
        var loss = new BinaryCrossEntropyWithLogitsLoss<double>();
        double value = loss.Compute(Tensor<double>.From(z, 2, 2), Tensor<double>.From(t, 2, 2), null, gradient);
        Approx.Equal((200 + Math.Log(2)) / 4, value, 1e-13, "value");
        Approx.Equal([-Math.Exp(-100) / 4, -0.25, 0, 0.25], gradient.Span, 1e-15, "(σ(z) − t) / 4");

        var gradientF = new Tensor<float>(2, 2);
        float valueF = new BinaryCrossEntropyWithLogitsLoss<float>().Compute(
            Tensor<float>.From([100f, -100, 0, 100], 2, 2),
            Tensor<float>.From([1f, 1, 0.5f, 0], 2, 2), null, gradientF);
        Approx.Equal((200 + Math.Log(2)) / 4, valueF, 1e-4, "float value");
        Approx.Equal([0f, -0.25f, 0, 0.25f], gradientF.Span, 1e-7, "float gradient");
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_EqualsTheTextbookFormulaAtModerateLogits()
    {
        double[] z = [0.3, -1.7, 2.5], t = [0.2, 1, 0];
        double expected = 0;
        for (int i = 0; i < 3; i++)
        {
            double s = 1 / (1 + Math.Exp(-z[i]));
            expected -= t[i] * Math.Log(s) + (1 - t[i]) * Math.Log(1 - s);
        }
        double value = SequenceLoss<double>.Create(LossKind.BinaryCrossEntropyWithLogits)
            .Compute(Tensor<double>.From(z, 1, 3), Tensor<double>.From(t, 1, 3));
        Approx.Equal(expected / 3, value, 1e-15);
    }

    [Fact]
    public void Factory_MakesEveryKind_WithNamesAndTargetKinds()
    {
        foreach (var kind in Enum.GetValues<LossKind>())
        {
            var loss = SequenceLoss<float>.Create(kind);
            Assert.Equal(kind, loss.Kind);
            Assert.Equal(kind == LossKind.CrossEntropy, loss.UsesClassTargets);
        }
        Assert.Equal(["cross-entropy", "mse", "mae", "huber", "bce-logits", "pinball"],
            Enum.GetValues<LossKind>().Select(k => SequenceLoss<double>.Create(k).Name));
        Assert.Throws<ArgumentOutOfRangeException>(() => SequenceLoss<float>.Create((LossKind)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss<float>(labelSmoothing: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss<float>(delta: 0));
    }

    [Fact]
    public void Pinball_WeighsUnderAndOverForecastsByTheLevel_PerBlock()
    {
        // (B, K) = (2, 2), levels (0.1, 0.9): column 0 is τ = 0.1, column 1 τ = 0.9; d = t − y = (−1, 0, −2, −3)
        var gradient = new Tensor<double>(2, 2);
        double value = new PinballLoss<double>([0.1, 0.9]).Compute(Y, T, null, gradient);
        // over-forecasts (d < 0) cost (1 − τ)|d|: 0.9·1 + 0 + 0.9·2 + 0.1·3 = 3.0, over K·B = 4 elements
        Approx.Equal(3.0 / 4, value, 1e-15, "value");
        // ∂/∂y = 1 − τ where y > t, 0 where y = t, over 4
        Approx.Equal([0.9 / 4, 0, 0.9 / 4, 0.1 / 4], gradient.Span, 1e-15, "gradient");
        // under-forecasts cost τ|d|: swap y and t
        Approx.Equal((0.1 * 1 + 0.1 * 2 + 0.9 * 3) / 4, new PinballLoss<double>([0.1, 0.9]).Compute(T, Y), 1e-15,
            "under-forecasts");
        // τ = ½ is half the absolute error
        Approx.Equal(0.5 * SequenceLoss<double>.Create(LossKind.MeanAbsoluteError).Compute(Y, T),
            SequenceLoss<double>.Create(LossKind.Pinball).Compute(Y, T), 1e-15, "median = MAE / 2");
        // the metric is the loss's value
        Approx.Equal(value, new PinballMetric<double>([0.1, 0.9]).Compute(Y, T), 1e-15, "metric");
    }

    [Fact]
    public void Pinball_RefusesBadLevels_AndOutputsNotInBlocks()
    {
        Assert.Contains("in (0, 1)", Assert.Throws<ArgumentException>(() => new PinballLoss<float>([0.5, 1])).Message);
        Assert.Contains("increasing", Assert.Throws<ArgumentException>(() =>
            new PinballLoss<float>([0.9, 0.1])).Message);
        Assert.Contains("none", Assert.Throws<ArgumentException>(() => new PinballLoss<float>([])).Message);
        var e = Assert.Throws<ArgumentException>(() => new PinballLoss<double>([0.1, 0.5, 0.9]).Compute(Y, T));
        Assert.Contains("a multiple of 3 outputs", e.Message);
    }
}
