using Recurrent.Data;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Data;

public class FeatureNormalizerTests
{
    private static SequenceDataset Data() => new(
    [
        SequenceExample.FromFeatures([1, 5, 100, 3, 5, 200], 3, SequenceTarget.None),
        SequenceExample.FromFeatures([2, 5, 300], 3, SequenceTarget.None),
    ]);

    [Fact]
    public void Fit_GivesMeanAndStd_ApplyStandardises_InvertRestores()
    {
        var data = Data();
        var normalizer = FeatureNormalizer.Fit(data);
        Approx.Equal([2f, 5f, 200f], normalizer.Mean.ToArray(), 1e-5, "mean");
        Approx.Equal([MathF.Sqrt(2f / 3), 1f, MathF.Sqrt(20000f / 3)], normalizer.Std.ToArray(), 1e-3,
            "std (constant feature → 1)");
        var scaled = normalizer.Apply(data);
        var all = scaled.Examples.SelectMany(e => e.Features!).ToArray();
        Assert.All(all, v => Assert.True(float.IsFinite(v), $"{v} is not finite"));
        for (int f = 0; f < 3; f++)
        {
            var column = all.Where((_, i) => i % 3 == f).ToArray();
            Approx.Equal(0, column.Average(), 1e-6, $"mean of scaled feature {f}");
        }
        Approx.Equal([0f, 0f, 0f], [all[1], all[4], all[7]], 0, "the constant feature maps to 0");
        Approx.Equal([1f, 5f, 100f, 3f, 5f, 200f], data.Examples[0].Features, 0, "the source is left as it was");
        var restored = normalizer.Invert(scaled);
        Approx.Equal(data.Examples[0].Features, restored.Examples[0].Features, 1e-4, "inverted sequence 0");
    }

    [Fact]
    public void Dictionary_RoundTrips_AndNamesWhatIsMissing()
    {
        var normalizer = FeatureNormalizer.Fit(Data());
        var tensors = normalizer.ToDictionary();
        Assert.Equal(["normalization.mean", "normalization.std"], tensors.Keys.Order());
        var back = FeatureNormalizer.FromDictionary(tensors);
        Approx.Equal(normalizer.Mean.ToArray(), back.Mean.ToArray(), 0, "mean");
        Approx.Equal(normalizer.Std.ToArray(), back.Std.ToArray(), 0, "std");
        var e = Assert.Throws<KeyNotFoundException>(() => FeatureNormalizer.FromDictionary(tensors, "inputs"));
        Assert.Contains("expected an entry 'inputs.mean', got only [normalization.mean, normalization.std]", e.Message);
    }

    [Fact]
    public void DenormalizeOfAForecast_IsInUnitsOfTheData()
    {
        var normalizer = new FeatureNormalizer([10f], [2f]);
        float[] forecast = [0f, 1f, -0.5f];
        normalizer.Denormalize(forecast);
        Approx.Equal([10f, 12f, 9f], forecast, 1e-6, "forecast");
    }
}
