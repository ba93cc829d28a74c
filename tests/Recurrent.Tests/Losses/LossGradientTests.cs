using Recurrent.Diagnostics;
using Recurrent.Tensors;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Losses;

/// <summary>What holds for every loss: gradients, masks, float/double agreement and shape checks.</summary>
public class LossGradientTests
{
    /// <summary>∂C/∂prediction against central differences, relative error ≤ 1e-6, with and without a mask.</summary>
    [Theory]
    [InlineData("mse", false)]
    [InlineData("mse", true)]
    [InlineData("sse", false)]
    [InlineData("sse", true)]
    [InlineData("bce", false)]
    [InlineData("bce", true)]
    [InlineData("softmax-ce", false)]
    [InlineData("softmax-ce", true)]
    public void Gradient_MatchesFiniteDifferences(string name, bool masked)
    {
        var loss = LossTestData.Create<double>(name);
        var (y, t) = LossTestData.Batch(name, 5, 4, seed: 1);
        var mask = masked ? LossTestData.Mask(1, 0, 1, 1, 0) : null;
        var gradient = new Tensor<double>(5, 4);
        loss.Compute(y, t, mask, gradient);
        var result = GradientChecker.CheckInput(y, () => loss.Compute(y, t, mask, null), gradient,
            new GradientCheckOptions(MaxEntriesPerParameter: 20), name: "prediction");
        Approx.Passes(result, 1e-6);
    }

    /// <summary>Masked rows, even holding NaN, change neither the value nor the gradient of the other rows, and get
    /// zero gradient.</summary>
    [Theory]
    [MemberData(nameof(LossTestData.Names), MemberType = typeof(LossTestData))]
    public void MaskedRows_EqualBatchWithoutThem(string name)
    {
        var loss = LossTestData.Create<double>(name);
        var (y, t) = LossTestData.Batch(name, 4, 3, seed: 2);
        y.Row(1).Fill(double.NaN); // padding
        t.Row(3).Fill(double.NaN);
        var gradient = new Tensor<double>(4, 3);
        double value = loss.Compute(y, t, LossTestData.Mask(1, 0, 1, 0), gradient);

        var kept = new[] { 0, 2 };
        var yKept = new Tensor<double>(2, 3);
        var tKept = new Tensor<double>(2, 3);
        for (int i = 0; i < 2; i++)
        {
            y.Row(kept[i]).CopyTo(yKept.Row(i));
            t.Row(kept[i]).CopyTo(tKept.Row(i));
        }
        var gradientKept = new Tensor<double>(2, 3);
        double valueKept = loss.Compute(yKept, tKept, null, gradientKept);

        Approx.Equal(valueKept, value, 1e-15, $"{name} value");
        for (int i = 0; i < 2; i++)
            Approx.Equal(gradientKept.Row(i), gradient.Row(kept[i]), 1e-15, $"{name} gradient row {kept[i]}");
        Approx.Equal(new double[6], [.. gradient.Row(1), .. gradient.Row(3)], 0, $"{name} gradient of masked rows");
    }

    [Theory]
    [MemberData(nameof(LossTestData.Names), MemberType = typeof(LossTestData))]
    public void AllRowsMasked_GivesZeroAndZeroGradient(string name)
    {
        var loss = LossTestData.Create<double>(name);
        var (y, t) = LossTestData.Batch(name, 3, 2, seed: 3);
        var gradient = new Tensor<double>(3, 2);
        gradient.Fill(5);
        Approx.Equal(0.0, loss.Compute(y, t, LossTestData.Mask(0, 0, 0), gradient), 0, $"{name} value");
        Approx.Equal(new double[6], gradient.Span, 0, $"{name} gradient");
    }

    [Theory]
    [MemberData(nameof(LossTestData.Names), MemberType = typeof(LossTestData))]
    public void FloatAndDouble_AgreeWithinFloatTolerance(string name)
    {
        var (y, t) = LossTestData.Batch(name, 6, 5, seed: 4);
        var mask = LossTestData.Mask(1, 1, 0, 1, 1, 1);
        var gradient = new Tensor<double>(6, 5);
        var gradientF = new Tensor<float>(6, 5);
        double value = LossTestData.Create<double>(name).Compute(y, t, mask, gradient);
        float valueF =
            LossTestData.Create<float>(name).Compute(y.Convert<float>(), t.Convert<float>(), mask.Convert<float>(),
            gradientF);
        Approx.Equal(value, valueF, 1e-5 * Math.Max(1, Math.Abs(value)), $"{name} value");
        Approx.Equal(gradient.Span, gradientF.Convert<double>().Span, 1e-5, $"{name} gradient");
    }

    [Theory]
    [MemberData(nameof(LossTestData.Names), MemberType = typeof(LossTestData))]
    public void WrongShapes_NameExpectedAndGot(string name)
    {
        var loss = LossTestData.Create<float>(name);
        var y = new Tensor<float>(4, 3);
        var e = Assert.Throws<ShapeMismatchException>(() => loss.Compute(y, new Tensor<float>(4, 2), null, null));
        Assert.Equal("target: expected (N, K) = (4, 3), got (4, 2)", e.Message);
        e = Assert.Throws<ShapeMismatchException>(() =>
            loss.Compute(y, new Tensor<float>(4, 3), new Tensor<float>(5), null));
        Assert.Equal("mask: expected (N) = (4), got (5)", e.Message);
        e = Assert.Throws<ShapeMismatchException>(() =>
            loss.Compute(y, new Tensor<float>(4, 3), null, new Tensor<float>(3, 3)));
        Assert.Equal("gradient: expected (N, K) = (4, 3), got (3, 3)", e.Message);
    }

    [Fact]
    public void Factory_UnknownName_ListsTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => LossTestData.Create<float>("hinge"));
        Assert.StartsWith("unknown loss 'hinge'; expected one of: mse, sse, bce, softmax-ce", e.Message);
        Assert.Equal("softmax-ce", LossTestData.Create<float>("Softmax-CE").Name);
    }
}
