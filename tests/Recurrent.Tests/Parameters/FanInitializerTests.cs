using System.Numerics;
using Recurrent.Parameters;
using Recurrent.Tests.Optimizers;

namespace Recurrent.Tests.Parameters;

/// <summary>Glorot and He initialisers: reproducible from the seed, float equal to rounded double, spread as theory
/// says.</summary>
public class FanInitializerTests
{
    public static TheoryData<string> Names() =>
        new("glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "orthogonal", "identity");

    internal static IInitializer Create(string name) => name switch
    {
        "glorot_uniform" => new GlorotUniformInitializer(),
        "glorot_normal" => new GlorotNormalInitializer(),
        "he_uniform" => new HeUniformInitializer(),
        "he_normal" => new HeNormalInitializer(),
        "orthogonal" => new OrthogonalInitializer(),
        "identity" => new IdentityInitializer(),
        _ => throw new ArgumentException(name),
    };

    private static T[] Fill<T>(IInitializer initializer, int[] shape, int seed) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        var values = new T[shape.Aggregate(1, (a, b) => a * b)];
        initializer.Fill<T>(values, shape, new Random(seed));
        return values;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SameSeed_GivesSameNumbers_OtherSeedDiffers(string name)
    {
        int[] shape = [12, 9];
        var a = Fill<double>(Create(name), shape, seed: 42);
        var b = Fill<double>(Create(name), shape, seed: 42);
        NumericAssert.Close(a, b, 0, 1, $"{name}: two fills from seed 42");
        if (name == "identity") return; // draws nothing
        var c = Fill<double>(Create(name), shape, seed: 43);
        var (largest, _) = NumericAssert.LargestDifference(a, c);
        Assert.True(largest > 1e-3,
            $"{name}: seeds 42 and 43 gave nearly the same numbers (largest difference {largest})");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Float_EqualsDoubleRoundedToFloat(string name)
    {
        int[] shape = name == "identity" ? [16, 24] : [16, 8, 3]; // identity is for matrices only
        var d = Fill<double>(Create(name), shape, seed: 5);
        var f = Fill<float>(Create(name), shape, seed: 5);
        // Both draw the same doubles; float is their rounding, so (double)(float)d must equal f exactly.
        NumericAssert.Close(d.Select(x => (double)(float)x).ToArray(), f.Select(x => (double)x).ToArray(), 0, 1,
            $"{name}: float vs rounded double");
    }

    /// <summary>
    /// On 300×500 = 150,000 draws the sample standard deviation is within ~0.5% of σ (its standard error is about
    /// σ·√((κ − 1)/(4N)) ≤ 0.26%); we allow 2%. Shapes chosen so fan_in ≠ fan_out, catching a swapped fan.
    /// </summary>
    [Theory]
    [InlineData("glorot_uniform", 300, 500)]
    [InlineData("glorot_normal", 300, 500)]
    [InlineData("he_uniform", 300, 500)]
    [InlineData("he_normal", 300, 500)]
    public void EmpiricalStd_IsWithinTwoPercentOfTheory(string name, int fanOut, int fanIn)
    {
        var w = Fill<double>(Create(name), [fanOut, fanIn], seed: 11);
        double mean = w.Average();
        double std = Math.Sqrt(w.Sum(x => (x - mean) * (x - mean)) / (w.Length - 1));
        double theory = name.StartsWith("glorot", StringComparison.Ordinal) ? Math.Sqrt(2.0 / (fanIn + fanOut))
            : Math.Sqrt(2.0 / fanIn);
        NumericAssert.Near(theory, std, 0.02 * theory, $"{name}: sample std of {w.Length} draws");
        NumericAssert.Near(0, mean, 0.02 * theory, $"{name}: sample mean");
    }

    [Fact]
    public void Uniforms_StayWithinTheirLimit()
    {
        var glorot = Fill<double>(new GlorotUniformInitializer(Gain: 2), [40, 60], seed: 1);
        var he = Fill<double>(new HeUniformInitializer(), [40, 60], seed: 1);
        double glorotLimit = 2 * Math.Sqrt(6.0 / 100), heLimit = Math.Sqrt(6.0 / 60);
        Assert.True(glorot.All(x =>
            Math.Abs(x) <= glorotLimit), $"Glorot max |w| {glorot.Max(Math.Abs)} exceeds {glorotLimit}");
        Assert.True(he.All(x => Math.Abs(x) <= heLimit), $"He max |w| {he.Max(Math.Abs)} exceeds {heLimit}");
        Assert.True(glorot.Max(Math.Abs) > 0.95 * glorotLimit,
            "Glorot draws do not reach near the limit: limit too generous?");
    }

    [Fact]
    public void ReceptiveField_MultipliesBothFans()
    {
        // (out, in, k) = (20, 10, 5): fan_in = 50, fan_out = 100, so Glorot std = √(2/150) and He std = √(2/50).
        // Checked on many draws: 50 fills of a 1,000-element tensor.
        var glorot = Enumerable.Range(0, 50).SelectMany(s =>
            Fill<double>(new GlorotNormalInitializer(), [20, 10, 5], s)).ToArray();
        var he = Enumerable.Range(0, 50).SelectMany(s =>
            Fill<double>(new HeNormalInitializer(), [20, 10, 5], s)).ToArray();
        NumericAssert.Near(Math.Sqrt(2.0 / 150), Rms(glorot), 0.02 * Math.Sqrt(2.0 / 150),
            "Glorot normal std for (20, 10, 5)");
        NumericAssert.Near(Math.Sqrt(2.0 / 50), Rms(he), 0.02 * Math.Sqrt(2.0 / 50), "He normal std for (20, 10, 5)");
    }

    [Fact]
    public void HeNormal_LeakySlope_ScalesGainAsPyTorch()
    {
        var w = Fill<double>(new HeNormalInitializer(NegativeSlope: 1), [300, 400], seed: 2); // gain √(2/(1+1)) = 1
        NumericAssert.Near(Math.Sqrt(1.0 / 400), Rms(w), 0.02 * Math.Sqrt(1.0 / 400), "He normal std with slope 1");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void RankOneShape_ThrowsNamingTheShape(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => Create(name).Fill<float>(new float[7], [7], new Random(1)));
        Assert.Contains("(7)", e.Message);
        Assert.Contains("rank", e.Message);
    }

    [Fact]
    public void ShapeAndBufferDisagree_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new GlorotUniformInitializer().Fill<float>(new float[10], [3, 4], new Random(1)));
        Assert.Contains("12", e.Message);
        Assert.Contains("10", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void BadGain_ThrowsNamingValue(double gain)
    {
        foreach (Func<object> make in new Func<object>[] { () => new GlorotUniformInitializer(gain), () =>
            new GlorotNormalInitializer(gain),
                     () => new OrthogonalInitializer(gain), () => new IdentityInitializer(gain) })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => make());
            Assert.Contains("gain", e.Message);
            Assert.Contains(gain.ToString("R", System.Globalization.CultureInfo.InvariantCulture), e.Message);
        }
    }

    private static double Rms(double[] w) => Math.Sqrt(w.Sum(x => x * x) / w.Length);
}
