using Recurrent.Optimizers;
using Recurrent.Parameters;

namespace Recurrent.Tests.Optimizers;

/// <summary>Global-norm and value clipping: bounds hold after clipping, the returned norm is the pre-clip one, odd
/// inputs are handled.</summary>
public class GradientClippingTests
{
    private static double[] Gaussian(int n, int seed, double scale)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => scale * rng.NextGaussian()).ToArray();
    }

    private static double NaiveNorm(IEnumerable<double> values) => Math.Sqrt(values.Sum(x => x * x));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(4099)]
    public void ClipByGlobalNorm_AboveMax_ReturnsPreClipNormAndLeavesExactlyMax(int n)
    {
        var g = Gaussian(n, seed: n, scale: 10);
        double naive = NaiveNorm(g);
        var direction = g.Select(x => x / naive).ToArray();

        double returned = GradientClipping.ClipByGlobalNorm<double>(g, maxNorm: 0.5);

        NumericAssert.Near(naive, returned, 1e-12 * naive, "returned norm vs naive √Σg²");
        NumericAssert.Near(0.5, NaiveNorm(g), 1e-12, "norm after clipping");
        NumericAssert.Close(direction, g.Select(x => x / 0.5).ToArray(), 1e-12, 1, "direction after clipping");
    }

    [Fact]
    public void ClipByGlobalNorm_Float_NormWithinFloatRoundingOfMax()
    {
        var g = Gaussian(3000, seed: 1, scale: 3).Select(x => (float)x).ToArray();
        double naive = NaiveNorm(g.Select(x => (double)x));
        double returned = GradientClipping.ClipByGlobalNorm<float>(g, 1.0);
        NumericAssert.Near(naive, returned, 1e-5 * naive, "float norm vs double naive sum");
        NumericAssert.Near(1.0, NaiveNorm(g.Select(x => (double)x)), 1e-5, "float norm after clipping");
    }

    [Fact]
    public void ClipByGlobalNorm_BelowMax_LeavesGradientsUnchanged()
    {
        var g = Gaussian(100, seed: 2, scale: 0.01);
        var before = (double[])g.Clone();
        double returned = GradientClipping.ClipByGlobalNorm<double>(g, maxNorm: 5);
        NumericAssert.Near(NaiveNorm(before), returned, 1e-15, "returned norm");
        NumericAssert.Close(before, g, 0, 1, "gradients below the bound");
    }

    [Fact]
    public void ClipByGlobalNorm_Zero_ReturnsZero()
    {
        var g = new double[5];
        NumericAssert.Near(0, GradientClipping.ClipByGlobalNorm<double>(g, 1), 0, "norm of zeros");
        NumericAssert.Close(new double[5], g, 0, 1, "zeros after clipping");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void ClipByGlobalNorm_NonFinite_ReturnsNonFiniteNormAndLeavesGradients(double bad)
    {
        double[] g = [1, 2, bad, 4];
        double returned = GradientClipping.ClipByGlobalNorm<double>(g, 1);
        Assert.False(double.IsFinite(returned), $"expected a non-finite norm, got {returned}");
        NumericAssert.Close([1, 2, 4], [g[0], g[1], g[3]], 0, 1, "finite gradients beside a non-finite one");
    }

    [Fact]
    public void ClipByGlobalNorm_FloatSumOfSquaresOverflows_StillClipsFiniteGradients()
    {
        float[] g = [3e20f, -4e20f]; // Σg² = 2.5e41 overflows float; the norm 5e20 does not
        double returned = GradientClipping.ClipByGlobalNorm<float>(g, 1);
        NumericAssert.Near(5e20, returned, 1e15, "norm of huge finite float gradients");
        NumericAssert.Close([0.6, -0.8], [g[0], g[1]], 1e-6, 1, "huge gradients after clipping");
    }

    [Fact]
    public void ClipByValue_ClampsIntoBoundsAndKeepsInnerValues()
    {
        var g = Gaussian(1037, seed: 3, scale: 2);
        var expected = g.Select(x => Math.Clamp(x, -0.75, 0.75)).ToArray();
        GradientClipping.ClipByValue<double>(g, 0.75);
        NumericAssert.Close(expected, g, 0, 1, "clamped gradients");
        Assert.True(g.Max() <= 0.75 && g.Min() >= -0.75, $"values outside ±0.75: [{g.Min()}, {g.Max()}]");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void BadBound_ThrowsNamingValue(double bound)
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() =>
            GradientClipping.ClipByGlobalNorm<float>(new float[3], bound));
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() =>
            GradientClipping.ClipByValue<float>(new float[3], bound));
        Assert.Contains(OptionText(bound), e1.Message);
        Assert.Contains("maximum gradient norm", e1.Message);
        Assert.Contains(OptionText(bound), e2.Message);
        Assert.Contains("limit", e2.Message);
    }

    private static string OptionText(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
