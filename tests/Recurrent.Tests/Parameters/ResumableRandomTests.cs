using Recurrent.Parameters;

namespace Recurrent.Tests.Parameters;

public class ResumableRandomTests
{
    [Fact]
    public void Seeding_FollowsSplitMix64()
    {
        // SplitMix64 from 0 first returns 0xE220A8397B1DCDAF (reference splitmix64.c); the state's first word is it.
        var state = new ResumableRandom(0).GetState();
        Assert.Equal(0xE220A8397B1DCDAFUL, state[0]);
    }

    [Fact]
    public void NextUInt64_MatchesReferenceXoshiro256StarStar()
    {
        // From the reference xoshiro256starstar.c with s = {1, 2, 3, 4}.
        var rng = ResumableRandom.FromState([1, 2, 3, 4]);
        Assert.Equal(11520UL, rng.NextUInt64());
        Assert.Equal(0UL, rng.NextUInt64());
        Assert.Equal(1509978240UL, rng.NextUInt64());
        Assert.Equal(1215971899390074240UL, rng.NextUInt64());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(1000)]
    public void SavedState_RestoredLater_ReproducesTheContinuation(int drawsBefore)
    {
        var rng = new ResumableRandom(42);
        for (int i = 0; i < drawsBefore; i++) Draw(rng, i);
        var words = rng.GetState();
        var text = rng.GetStateText();
        var expected = Enumerable.Range(0, 200).Select(i => Draw(rng, i)).ToArray();

        var fromWords = ResumableRandom.FromState(words);
        var fromText = new ResumableRandom(7);
        fromText.SetStateText(text);
        Assert.Equal(expected, Enumerable.Range(0, 200).Select(i => Draw(fromWords, i)).ToArray());
        Assert.Equal(expected, Enumerable.Range(0, 200).Select(i => Draw(fromText, i)).ToArray());
    }

    [Fact]
    public void Shuffle_ThroughTheBaseClass_IsReproducibleAfterRestore()
    {
        // Random.Shuffle calls the overridden Next(int, int), so library code taking Random resumes exactly too.
        var rng = new ResumableRandom(3);
        rng.NextDouble();
        var state = rng.GetState();
        int[] a = [.. Enumerable.Range(0, 50)], b = [.. Enumerable.Range(0, 50)];
        rng.Shuffle(a);
        ResumableRandom.FromState(state).Shuffle(b);
        Assert.Equal(a, b);
        Assert.NotEqual(Enumerable.Range(0, 50).ToArray(), a);
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentStreams()
    {
        var a = new ResumableRandom(1);
        var b = new ResumableRandom(2);
        var c = new ResumableRandom(1);
        var sa = Enumerable.Range(0, 16).Select(_ => a.NextUInt64()).ToArray();
        Assert.NotEqual(sa, Enumerable.Range(0, 16).Select(_ => b.NextUInt64()).ToArray());
        Assert.Equal(sa, Enumerable.Range(0, 16).Select(_ => c.NextUInt64()).ToArray());
    }

    [Fact]
    public void NextDouble_HasUniformMeanAndVariance()
    {
        // U[0,1) has mean 1/2 and variance 1/12; with n = 200,000 the standard error of the mean is
        // √(1/12/n) ≈ 6.5e-4, so 0.003 is over 4.5 standard errors (and the seed is fixed).
        const int n = 200_000;
        var rng = new ResumableRandom(2024);
        double sum = 0, sumSquares = 0, min = 1, max = 0;
        for (int i = 0; i < n; i++)
        {
            double x = rng.NextDouble();
            sum += x;
            sumSquares += x * x;
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }
        double mean = sum / n, variance = sumSquares / n - mean * mean;
        Assert.True(Math.Abs(mean - 0.5) < 0.003, $"mean {mean}");
        Assert.True(Math.Abs(variance - 1.0 / 12) < 0.002, $"variance {variance}");
        Assert.True(min >= 0 && max < 1, $"range [{min}, {max}]");
    }

    [Fact]
    public void BoundedDraws_StayInRangeAndCoverIt()
    {
        var rng = new ResumableRandom(5);
        var seen = new bool[7];
        for (int i = 0; i < 1000; i++)
        {
            int x = rng.Next(-3, 4);
            Assert.InRange(x, -3, 3);
            seen[x + 3] = true;
            Assert.InRange(rng.Next(10), 0, 9);
            Assert.InRange(rng.NextInt64(long.MinValue, long.MaxValue), long.MinValue, long.MaxValue - 1);
            Assert.InRange(rng.NextSingle(), 0f, 0.99999994f);
        }
        Assert.All(seen, Assert.True);
        Assert.Equal(0, rng.Next(0));
        Assert.Equal(5, rng.Next(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.Next(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.Next(2, 1));
    }

    [Fact]
    public void NextBytes_FillsOddLengthsFromTheSameStream()
    {
        var a = new ResumableRandom(9);
        var b = new ResumableRandom(9);
        var bytes = new byte[13];
        a.NextBytes(bytes);
        var words = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(words, b.NextUInt64());
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(words.AsSpan(8), b.NextUInt64());
        Assert.Equal(words[..13], bytes);
    }

    [Fact]
    public void BadStates_AreRejectedWithTheReason()
    {
        var rng = new ResumableRandom(1);
        Assert.Contains("4 words, got 3", Assert.Throws<ArgumentException>(() => rng.SetState([1, 2, 3])).Message);
        Assert.Contains("all zero", Assert.Throws<ArgumentException>(() => rng.SetState([0, 0, 0, 0])).Message);
        Assert.Contains("must start with", Assert.Throws<FormatException>(() =>
            rng.SetStateText("pcg:1,2,3,4")).Message);
        Assert.Contains("word 2", Assert.Throws<FormatException>(() =>
            rng.SetStateText("xoshiro256**:1,2,zz,4")).Message);
        Assert.Contains("4 comma-separated", Assert.Throws<FormatException>(() =>
            rng.SetStateText("xoshiro256**:1,2")).Message);
    }

    private static double Draw(ResumableRandom rng, int i) => (i % 5) switch
    {
        0 => rng.NextDouble(),
        1 => rng.Next(1000),
        2 => rng.NextSingle(),
        3 => rng.NextInt64(-5, 1L << 40),
        _ => rng.Next(),
    };
}
