using Recurrent.Backends.Cpu;

namespace Recurrent.Tests.Backends;

/// <summary>
/// The vectorised LSTM gate rows equal their one-unit-at-a-time twins on every vector tail. Forward: the vector σ and tanh
/// are a rational fit (σ from tanh) and the twin uses MathF, so they differ by rounding (a few float ulps; 1e-6 relative to 1 + |value|).
/// </summary>
public class LstmGatesTests
{
    [Fact]
    public void ForwardRow_MatchesReference_ForEveryWidth()
    {
        var rng = new Random(7);
        float[] Random(int n, double scale) => [.. Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale))];
        for (int hs = 1; hs <= 41; hs++)
        {
            float[] s = Random(4 * hs, 9), cPrev = Random(hs, 2); // pre-activations, xp + h·W_hhᵀ
            s[0] = 90; // saturated gates: e^{±x} over- or underflows, the result must still be 0 or ±1
            s[^1] = -90;
            float[] cache = new float[5 * hs], c = new float[hs], h = new float[hs];
            float[] cacheRef = new float[5 * hs], cRef = new float[hs], hRef = new float[hs];
            s.CopyTo(cache, 0);
            s.CopyTo(cacheRef, 0);
            LstmGates.ForwardRow(cache, c, h, cPrev);
            LstmGates.ForwardRowReference(cacheRef, cRef, hRef, cPrev);
            AssertClose(cacheRef, cache, $"cache, H = {hs}");
            AssertClose(cRef, c, $"c, H = {hs}");
            AssertClose(hRef, h, $"h, H = {hs}");
        }
    }

    [Fact]
    public void ForwardRow_KeepsNaN()
    {
        const int hs = 16;
        float[] cache = new float[5 * hs], c = new float[hs], h = new float[hs], cPrev = new float[hs];
        cache[3] = float.NaN;             // i of unit 3
        cache[2 * hs + 9] = float.NaN;    // g of unit 9
        LstmGates.ForwardRow(cache, c, h, cPrev);
        Assert.True(float.IsNaN(h[3]) && float.IsNaN(h[9]), $"h[3] = {h[3]}, h[9] = {h[9]}: NaN in, NaN out");
        Assert.True(float.IsFinite(h[0]), "other units unaffected");
    }

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
