using Recurrent.Backends.Cpu;

namespace Recurrent.Tests.Backends;

/// <summary>The vectorised LSTM gate backward equals its one-unit-at-a-time twin on every vector tail.</summary>
public class LstmGatesTests
{
    [Fact]
    public void BackwardRow_MatchesReference_ForEveryWidth()
    {
        var rng = new Random(5);
        float[] Random(int n, bool unit) => [.. Enumerable.Range(0, n).Select(_ => unit ? (float)rng.NextDouble() : (float)(rng.NextDouble() * 4 - 2))];
        for (int hs = 1; hs <= 41; hs++)
        {
            float[] cache = Random(5 * hs, unit: true), dh = Random(hs, false), dc = Random(hs, false), cPrev = Random(hs, false);
            float[] da = new float[4 * hs], dcPrev = new float[hs], daRef = new float[4 * hs], dcPrevRef = new float[hs];
            LstmGates.BackwardRow(da, dcPrev, cache, dh, dc, cPrev);
            LstmGates.BackwardRowReference(daRef, dcPrevRef, cache, dh, dc, cPrev);
            AssertClose(daRef, da, $"da, H = {hs}");
            AssertClose(dcPrevRef, dcPrev, $"dc_prev, H = {hs}");
        }
    }

    /// <summary>The recurrent layer passes the cache's gate columns as da: both twins must read a unit before writing it.</summary>
    [Fact]
    public void BackwardRow_OverItsOwnCache_EqualsASeparateDa()
    {
        var rng = new Random(6);
        float[] Random(int n, bool unit) => [.. Enumerable.Range(0, n).Select(_ => unit ? (float)rng.NextDouble() : (float)(rng.NextDouble() * 4 - 2))];
        foreach (int hs in new[] { 1, 7, 8, 9, 16, 41 })
        {
            float[] cache = Random(5 * hs, unit: true), dh = Random(hs, false), dc = Random(hs, false), cPrev = Random(hs, false);
            float[] da = new float[4 * hs], dcPrev = new float[hs];
            LstmGates.BackwardRowReference(da, dcPrev, cache, dh, dc, cPrev);
            float[] vectorised = (float[])cache.Clone(), reference = (float[])cache.Clone(), dcPrevIn = new float[hs];
            LstmGates.BackwardRow(vectorised, dcPrevIn, vectorised, dh, dc, cPrev);
            AssertClose(da, vectorised[..(4 * hs)], $"vectorised in place, H = {hs}");
            AssertClose(cache[(4 * hs)..], vectorised[(4 * hs)..], $"tanh c left alone, H = {hs}");
            LstmGates.BackwardRowReference(reference, dcPrevIn, reference, dh, dc, cPrev);
            AssertClose(da, reference[..(4 * hs)], $"reference in place, H = {hs}");
        }
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        int worst = 0;
        double largest = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - actual[i]) / (1 + Math.Abs(expected[i]));
            if (d > largest) (largest, worst) = (d, i);
        }
        Assert.True(largest < 1e-6, $"{what}: largest relative difference {largest:E2} at {worst} ({expected[worst]} vs {actual[worst]})");
    }
}
