using System.Runtime.InteropServices;
using Recurrent.Losses;
using Recurrent.Tensors;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Losses;

/// <summary>
/// Cross-entropy with class weights a: values against hand-computed numbers (PyTorch's definition with weight and
/// label smoothing), weights of all 1 are the unweighted loss bit for bit, equal weights cancel, and bad weights are
/// refused. The gradients against finite differences, masks and float/double agreement run for "ce-weighted" and
/// "ce-weighted-smooth" in <see cref="SequenceLossGradientTests"/>.
/// </summary>
public class CrossEntropyClassWeightTests
{
    /// <summary>
    /// Two rows, K = 3, a = (2, 0.5, 1): row 0 has z = (0, 0, 0), class 0, so lse − z_k = ln 3 for every k; row 1 has
    /// z = (0, ln 3, 0), class 1, so lse = ln 5 and lse − z = (ln 5, ln 5/3, ln 5). Without smoothing
    /// C = (2 ln 3 + 0.5 ln 5/3) / 2.5; with ε = 0.3 (ε/K = 0.1, Σ a = 3.5), per PyTorch,
    /// ℓ_0 = 0.7·2 ln 3 + 0.1·3.5 ln 3 = 1.75 ln 3, ℓ_1 = 0.7·0.5 ln 5/3 + 0.1 (2 ln 5 + 0.5 ln 5/3 + ln 5)
    /// = 0.4 ln 5/3 + 0.3 ln 5, and C = (ℓ_0 + ℓ_1) / (a_0 + a_1) = (ℓ_0 + ℓ_1) / 2.5.
    /// </summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    public void Value_MatchesHandComputedNumbers(double smoothing)
    {
        var logits = Tensor<double>.From([0, 0, 0, 0, Math.Log(3), 0], 2, 3);
        var loss = new CrossEntropyLoss<double>(smoothing, classWeights: [2f, 0.5f, 1f]);
        var gradient = new Tensor<double>(2, 3);
        double value = loss.Compute(logits, new[] { 0, 1 }, null, gradient);
        double ln3 = Math.Log(3), ln5 = Math.Log(5), ln53 = Math.Log(5.0 / 3);
        double expected = smoothing == 0 ? (2 * ln3 + 0.5 * ln53) / 2.5 : (1.75 * ln3 + 0.4 * ln53 + 0.3 * ln5) / 2.5;
        Approx.Equal(expected, value, 1e-14, "value");

        // ∂C/∂z_r = (σ_r softmax(z_r) − (1 − ε) a_c e_c − (ε/3) a) / 2.5, σ_r = (1 − ε) a_c + (ε/3) Σ a
        double e = smoothing, s = e / 3;
        double[] a = [2, 0.5, 1];
        double sigma0 = (1 - e) * 2 + s * 3.5, sigma1 = (1 - e) * 0.5 + s * 3.5;
        double[] p0 = [1 / 3.0, 1 / 3.0, 1 / 3.0], p1 = [0.2, 0.6, 0.2];
        var expectedGradient = new double[6];
        for (int k = 0; k < 3; k++)
        {
            expectedGradient[k] = (sigma0 * p0[k] - (k == 0 ? (1 - e) * 2 : 0) - s * a[k]) / 2.5;
            expectedGradient[3 + k] = (sigma1 * p1[k] - (k == 1 ? (1 - e) * 0.5 : 0) - s * a[k]) / 2.5;
        }
        Approx.Equal(expectedGradient, gradient.Span, 1e-15, "gradient");
    }

    /// <summary>A mask of (1, 0, 0.5) and a = (1, 4, 2, 1): C = Σ_r m_r a_{c_r} ℓ_r / Σ_r m_r a_{c_r} with ℓ_r the
    /// unweighted row losses (ε = 0), computed one row at a time with the unweighted loss.</summary>
    [Fact]
    public void Value_IsTheClassWeightedMeanOfTheRowLosses_WithAMask()
    {
        var (y, targets) = SequenceLossTestData.Batch(classes: true, "ce", [3, 4], seed: 7);
        var mask = Tensor<double>.From([1, 0, 0.5], 3);
        float[] a = [1, 4, 2, 1];
        var ids = targets.ClassIds.Span;
        var plain = new CrossEntropyLoss<double>();
        double numerator = 0, denominator = 0;
        for (int r = 0; r < 3; r++)
        {
            if (mask.Span[r] == 0) continue;
            var row = Tensor<double>.From(y.Span.Slice(r * 4, 4).ToArray(), 1, 4);
            double weight = mask.Span[r] * a[ids[r]];
            numerator += weight * plain.Compute(row, new[] { ids[r] });
            denominator += weight;
        }
        double value = new CrossEntropyLoss<double>(classWeights: a).Compute(y, targets, mask);
        Approx.Equal(numerator / denominator, value, 1e-14, "value");
    }

    /// <summary>Weights of all 1 are the unweighted loss bit for bit, the float fused path (ε = 0) included, in both
    /// shapes, with and without a mask.</summary>
    [Theory]
    [InlineData(0.0, true, true)]
    [InlineData(0.0, false, false)]
    [InlineData(0.1, true, false)]
    [InlineData(0.1, false, true)]
    public void WeightsOfOne_GiveTheUnweightedLoss_BitForBit(double smoothing, bool sequence, bool masked)
    {
        var (y, targets) = SequenceLossTestData.Batch(classes: true, "ce", SequenceLossTestData.Shape(sequence), 8);
        var mask = masked ? SequenceLossTestData.Mask(sequence) : null;
        var weighted = new CrossEntropyLoss<float>(smoothing, classWeights: [1f, 1f, 1f, 1f]);
        Assert.Null(weighted.ClassWeights);
        var (x, t, m) = (y.Convert<float>(), SequenceLossTestData.ToFloat(targets), mask?.Convert<float>());
        var (g1, g2) = (new Tensor<float>(y.Shape), new Tensor<float>(y.Shape));
        float v1 = new CrossEntropyLoss<float>(smoothing).Compute(x, t, m, g1);
        float v2 = weighted.Compute(x, t, m, g2);
        weighted.Compute(x, t, m, g2);
        Assert.Equal(BitConverter.SingleToInt32Bits(v1), BitConverter.SingleToInt32Bits(v2));
        Assert.True(MemoryMarshal.Cast<float, int>(g1.Span).SequenceEqual(MemoryMarshal.Cast<float, int>(g2.Span)),
            "the gradients differ in some bit");
    }

    /// <summary>Equal weights c cancel (C and ∂C/∂z do not depend on c), through the weighted code: within 1e-12 of
    /// the unweighted loss in float64.</summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2)]
    public void EqualWeights_Cancel(double smoothing)
    {
        var (y, targets) = SequenceLossTestData.Batch(classes: true, "ce", [3, 2, 4], seed: 9);
        var mask = SequenceLossTestData.Mask(sequence: true);
        var (g1, g2) = (new Tensor<double>(3, 2, 4), new Tensor<double>(3, 2, 4));
        double v1 = new CrossEntropyLoss<double>(smoothing).Compute(y, targets, mask, g1);
        double v2 = new CrossEntropyLoss<double>(smoothing, [2.5f, 2.5f, 2.5f, 2.5f]).Compute(y, targets, mask, g2);
        Approx.Equal(v1, v2, 1e-12, "value");
        Approx.Equal(g1.Span, g2.Span, 1e-12, "gradient");
    }

    /// <summary>When every counted row's class weighs 0 the value is 0 and the gradient 0 (PyTorch would give NaN),
    /// with smoothing too, though the other classes weigh something.</summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void CountedClassesOfWeightZero_GiveZeroAndZeroGradient(double smoothing)
    {
        var y = Tensor<double>.From([1, 2, 3, 4, -1, 0, 2, 5], 2, 4);
        var gradient = new Tensor<double>(2, 4);
        gradient.Fill(3);
        double value = new CrossEntropyLoss<double>(smoothing, [0f, 1f, 1f, 1f]).Compute(y, new[] { 0, 0 }, null,
            gradient);
        Approx.Equal(0.0, value, 0, "value");
        Approx.Equal(new double[8], gradient.Span, 0, "gradient");
    }

    [Fact]
    public void ClassWeights_AreCopied()
    {
        float[] a = [1, 2, 3];
        var loss = new CrossEntropyLoss<float>(classWeights: a);
        a[0] = 100;
        Assert.Equal([1f, 2f, 3f], loss.ClassWeights!);
    }

    [Theory]
    [InlineData(new[] { 1f, -0.5f, 1f }, "got [1] = -0.5")]
    [InlineData(new[] { 1f, float.NaN }, "got [1] = NaN")]
    [InlineData(new[] { float.PositiveInfinity }, "got [0] = ")]
    [InlineData(new[] { 0f, 0f }, "expected at least one > 0, got all 2 equal to 0")]
    public void BadWeights_AreRefused_WithTheirPlace(float[] weights, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss<double>(classWeights: weights));
        Assert.Contains(message, e.Message);
        Assert.Equal("classWeights", e.ParamName);
    }

    [Fact]
    public void WeightsOfTheWrongLength_AreRefused_WithBothLengths()
    {
        var loss = new CrossEntropyLoss<double>(classWeights: [1f, 2f, 3f]);
        var e = Assert.Throws<ShapeMismatchException>(() =>
            loss.Compute(new Tensor<double>(2, 4), new[] { 0, 1 }));
        Assert.Equal("class weights: expected (K) = (4) for predictions of 4 classes, got (3)", e.Message);
        // refused even when nothing is counted
        Assert.Throws<ShapeMismatchException>(() =>
            loss.Compute(new Tensor<double>(2, 4), new[] { 0, 1 }, new Tensor<double>(2)));
    }
}
