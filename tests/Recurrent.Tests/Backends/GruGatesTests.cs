using Recurrent.Backends.Cpu;

namespace Recurrent.Tests.Backends;

/// <summary>
/// The vectorised GRU gate rows equal their one-unit-at-a-time twins on every vector tail, with and without b_hn.
/// Backward does the same float operations in the same order, forward's σ and tanh are a rational fit against MathF:
/// both are held to 1e-6 relative to 1 + |value| (a few float ulps).
/// </summary>
public class GruGatesTests
{
    [Fact]
    public void ForwardRow_MatchesReference_ForEveryWidth()
    {
        var rng = new Random(11);
        float[] Random(int n, double scale) => [.. Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale))];
        for (int hs = 1; hs <= 41; hs++)
            foreach (bool bias in new[] { true, false })
            {
                float[] s = Random(3 * hs, 6), xp = Random(3 * hs, 3), hPrev = Random(hs, 1), biasN = bias ? Random(hs, 1) : [];
                s[0] = 95; // a saturated gate
                float[] cache = new float[4 * hs], h = new float[hs], cacheRef = new float[4 * hs], hRef = new float[hs];
                GruGates.ForwardRow(cache, h, s, xp, biasN, hPrev);
                GruGates.ForwardRowReference(cacheRef, hRef, s, xp, biasN, hPrev);
                AssertClose(cacheRef, cache, $"cache, H = {hs}, bias {bias}");
                AssertClose(hRef, h, $"h, H = {hs}, bias {bias}");
            }
    }

    [Fact]
    public void BackwardRow_MatchesReference_ForEveryWidth_InPlaceAndNot()
    {
        var rng = new Random(12);
        float[] Random(int n, bool unit) => [.. Enumerable.Range(0, n).Select(_ => unit ? (float)rng.NextDouble() : (float)(rng.NextDouble() * 4 - 2))];
        for (int hs = 1; hs <= 41; hs++)
        {
            float[] cache = Random(4 * hs, unit: true), dh = Random(hs, false), hPrev = Random(hs, false);
            float[] dxp = new float[3 * hs], dhp = new float[4 * hs], row = new float[3 * hs], dhPrev = new float[hs];
            float[] dxpRef = new float[3 * hs], dhpRef = new float[4 * hs], rowRef = new float[3 * hs], dhPrevRef = new float[hs];
            GruGates.BackwardRow(dxp, dhp, row, dhPrev, cache, dh, hPrev);
            GruGates.BackwardRowReference(dxpRef, dhpRef, rowRef, dhPrevRef, cache, dh, hPrev);
            AssertClose(dxpRef, dxp, $"dxp, H = {hs}");
            AssertClose(dhpRef, dhp, $"dhp, H = {hs}");
            AssertClose(rowRef, row, $"dhp row, H = {hs}");
            AssertClose(dhPrevRef, dhPrev, $"dh_prev, H = {hs}");

            // As the layer runs it: dxp and dhp written over the cache row (dhp_n over hn).
            float[] inPlace = (float[])cache.Clone(), rowInPlace = new float[3 * hs], dhPrevInPlace = new float[hs];
            GruGates.BackwardRow(inPlace.AsSpan(0, 3 * hs), inPlace, rowInPlace, dhPrevInPlace, inPlace, dh, hPrev);
            float[] expected = [.. dxpRef, .. dhpRef.AsSpan(3 * hs, hs)];
            AssertClose(expected, inPlace, $"in place, H = {hs}");
            AssertClose(rowRef, rowInPlace, $"dhp row in place, H = {hs}");
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
