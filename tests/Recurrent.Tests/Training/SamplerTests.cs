using Recurrent.Training;

namespace Recurrent.Tests.Training;

public class SamplerTests
{
    private static readonly float[] Logits = [1.0f, 3.0f, -1.0f, 2.5f, 0.0f, 2.9f, -3.0f, 1.5f];

    [Fact]
    public void ArgMax_TakesTheLargestAndIgnoresTheRng()
    {
        var sampler = new Sampler(Logits.Length, new SamplingOptions(ArgMax: true));
        Assert.Equal(1, sampler.Sample<float>(Logits, new ExplodingRandom()));
        Assert.Equal(0, Sampler.ArgMax<double>([2.0, 2.0, 1.0])); // first of equals
    }

    [Fact]
    public void TinyTemperature_BehavesLikeArgMax()
    {
        var sampler = new Sampler(Logits.Length, new SamplingOptions(Temperature: 1e-4));
        var rng = new Random(1);
        for (int i = 0; i < 1000; i++) Assert.Equal(1, sampler.Sample<float>(Logits, rng));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.7)]
    [InlineData(1.8)]
    public void Frequencies_MatchTheTemperedSoftmax(double temperature)
    {
        // n = 200,000 draws: the standard error of a frequency is at most √(0.25/n) ≈ 0.0011, so a tolerance of
        // 0.006 is over 5 standard errors for each of the 8 characters; the seed is fixed, so the test is stable.
        const int n = 200_000;
        var expected = Softmax(Logits, temperature);
        var counts = Count(new Sampler(Logits.Length, new SamplingOptions(temperature)), n, seed: 5);
        for (int i = 0; i < Logits.Length; i++)
            Assert.True(Math.Abs(counts[i] / (double)n - expected[i]) < 0.006,
                $"character {i}: frequency {counts[i] / (double)n:F4}, softmax probability {expected[i]:F4}");
    }

    [Fact]
    public void TopK_NeverLeavesTheKLargest_AndRenormalises()
    {
        const int n = 100_000;
        var counts = Count(new Sampler(Logits.Length, new SamplingOptions(TopK: 3)), n, seed: 2);
        int[] top3 = [1, 5, 3];
        for (int i = 0; i < Logits.Length; i++)
            if (!top3.Contains(i))
                Assert.True(counts[i] == 0, $"character {i} is outside the top 3 but was drawn {counts[i]} times");
        double total = top3.Sum(i => Math.Exp(Logits[i]));
        foreach (int i in top3)
            Assert.True(Math.Abs(counts[i] / (double)n - Math.Exp(Logits[i]) / total) < 0.008,
                $"character {i}: {counts[i] / (double)n:F4}");
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.6)]
    [InlineData(0.9)]
    public void TopP_NeverLeavesTheNucleus(double topP)
    {
        var p = Softmax(Logits, 1);
        var byProbability = Enumerable.Range(0, p.Length).OrderByDescending(i => p[i]).ToArray();
        var nucleus = new HashSet<int>();
        double cumulative = 0;
        foreach (int i in byProbability)
        {
            nucleus.Add(i);
            cumulative += p[i];
            if (cumulative >= topP) break;
        }
        var counts = Count(new Sampler(Logits.Length, new SamplingOptions(TopP: topP)), 50_000, seed: 3);
        for (int i = 0; i < p.Length; i++)
        {
            if (nucleus.Contains(i))
                Assert.True(counts[i] > 0, $"character {i} is in the nucleus of {topP} but never drawn");
            else Assert.True(counts[i] == 0,
                $"character {i} is outside the nucleus of {topP} but was drawn {counts[i]} times");
        }
    }

    [Fact]
    public void Sample_IsReproducibleAndAllocatesNothing()
    {
        var sampler = new Sampler(Logits.Length, new SamplingOptions(0.9, TopK: 5, TopP: 0.9));
        var a = Enumerable.Range(0, 200).Select(_ => 0).ToArray();
        var rngA = new Random(8);
        for (int i = 0; i < a.Length; i++) a[i] = sampler.Sample<float>(Logits, rngA);
        var rngB = new Random(8);
        Assert.Equal(a, a.Select(_ => sampler.Sample<float>(Logits, rngB)).ToArray());

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) sampler.Sample<float>(Logits, rngA);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(0.0, 0, 1.0, "temperature must be a finite number > 0, got 0")]
    [InlineData(-1.0, 0, 1.0, "temperature")]
    [InlineData(double.NaN, 0, 1.0, "temperature")]
    [InlineData(1.0, -2, 1.0, "top-k must be 0 (off) or positive, got -2")]
    [InlineData(1.0, 0, 0.0, "top-p must lie in (0, 1]")]
    [InlineData(1.0, 0, 1.5, "top-p must lie in (0, 1]")]
    public void BadOptions_AreRejectedWithTheReason(double temperature, int topK, double topP, string expected)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Sampler(4, new SamplingOptions(temperature, topK, topP)));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void BadLogits_AreRejected()
    {
        var sampler = new Sampler(3, new SamplingOptions());
        Assert.Contains("expected 3 logits, got 2", Assert.Throws<ArgumentException>(() =>
            sampler.Sample<float>([1f, 2f], new Random(1))).Message);
        Assert.Contains("logit 1 is NaN", Assert.Throws<ArgumentException>(() =>
            sampler.Sample<float>([1f, float.NaN, 0f], new Random(1))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sampler(0, new SamplingOptions()));
    }

    private static int[] Count(Sampler sampler, int n, int seed)
    {
        var counts = new int[Logits.Length];
        var rng = new Random(seed);
        for (int i = 0; i < n; i++) counts[sampler.Sample<float>(Logits, rng)]++;
        return counts;
    }

    private static double[] Softmax(float[] logits, double temperature)
    {
        double max = logits.Max();
        var e = logits.Select(z => Math.Exp((z - max) / temperature)).ToArray();
        double sum = e.Sum();
        return e.Select(x => x / sum).ToArray();
    }

    /// <summary>Fails the test if argmax consumes randomness.</summary>
    private sealed class ExplodingRandom : Random
    {
        protected override double Sample() => throw new InvalidOperationException("argmax must not draw");
        public override double NextDouble() => Sample();
    }
}
