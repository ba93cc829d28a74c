using Recurrent.Backends.Cpu;

namespace Recurrent.Tests.Backends;

/// <summary>
/// The Elman cell's vectorised tanh rows equal their one-value-at-a-time twins on every vector tail. Forward: the vector
/// tanh is a rational fit and the twin uses MathF, so they differ by a few float ulps (1e-6 relative to 1 + |value|);
/// backward runs the same operations in the same order, so the bits are equal.
/// </summary>
public class TanhRowsTests
{
    [Fact]
    public void Forward_MatchesReference_ForEveryLength()
    {
        var rng = new Random(11);
        for (int n = 0; n <= 41; n++)
        {
            float[] z = [.. Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * 6))];
            if (n > 2) (z[0], z[^1]) = (95f, -95f); // saturated: e^{−2|x|} underflows, the result must be exactly ±1
            float[] a = (float[])z.Clone(), aRef = (float[])z.Clone();
            TanhRows.Forward(a);
            TanhRows.ForwardReference(aRef);
            for (int i = 0; i < n; i++)
                Assert.True(Math.Abs(a[i] - aRef[i]) <= 1e-6 * (1 + Math.Abs(aRef[i])), $"n = {n}, i = {i}: {a[i]:R} against {aRef[i]:R}");
            if (n > 2) Assert.True(a[0] == 1f && a[^1] == -1f, $"saturated: {a[0]}, {a[^1]}");
        }
    }

    /// <summary>
    /// The rational fit's stated bound (VectorActivations.Tanh): within 3.2e-7 of tanh in double everywhere, x
    /// itself for |x| below 2e-4, exactly ±1 from 9 on. A dense grid over [−12, 12] and a log grid down to 1e-30.
    /// </summary>
    [Fact]
    public void Forward_IsWithinItsStatedBound_OnDenseGrids()
    {
        var z = new List<float>();
        for (int i = -1_200_000; i <= 1_200_000; i++) z.Add(i * 1e-5f);
        for (double e = -30; e <= 1.1; e += 1e-3) { z.Add((float)Math.Pow(10, e)); z.Add(-(float)Math.Pow(10, e)); }
        float[] a = [.. z];
        TanhRows.Forward(a);
        double worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double exact = Math.Tanh(z[i]), error = Math.Abs(a[i] - exact);
            worst = Math.Max(worst, error);
            Assert.True(error <= 3.2e-7, $"tanh({z[i]:R}) = {a[i]:R}, exact {exact:R}: off by {error:G3}");
            if (Math.Abs(z[i]) < 2e-4f) Assert.True(a[i] == z[i], $"tanh({z[i]:R}) = {a[i]:R}, expected x itself");
            if (Math.Abs(z[i]) >= 9f) Assert.True(Math.Abs(a[i]) == 1f, $"tanh({z[i]:R}) = {a[i]:R}, expected ±1");
        }
        Assert.True(worst > 1e-8, $"largest error {worst:G3}: the grid did not exercise the fit"); // a float tanh is never exact
    }

    [Fact]
    public void Forward_KeepsNaN()
    {
        float[] z = new float[16];
        z[5] = float.NaN;
        TanhRows.Forward(z);
        Assert.True(float.IsNaN(z[5]) && z[4] == 0f, "NaN in, NaN out; zeros stay zero");
    }

    [Fact]
    public void Backward_SameBitsAsReference_AlsoInPlace()
    {
        var rng = new Random(12);
        for (int n = 0; n <= 41; n++)
        {
            float[] a = [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1))];
            float[] dh = [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 4 - 2))];
            float[] dz = new float[n], dzRef = new float[n], inPlace = (float[])a.Clone();
            TanhRows.Backward(a, dh, dz);
            TanhRows.BackwardReference(a, dh, dzRef);
            TanhRows.Backward(inPlace, dh, inPlace); // the cell writes dz over a
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(dzRef[i]), BitConverter.SingleToInt32Bits(dz[i]));
                Assert.Equal(BitConverter.SingleToInt32Bits(dzRef[i]), BitConverter.SingleToInt32Bits(inPlace[i]));
            }
        }
    }

    [Fact]
    public void BackwardSum_SameBitsAsAddingFirst_AlsoOverDy()
    {
        var rng = new Random(13);
        for (int n = 0; n <= 41; n++)
        {
            float[] Random(double scale) => [.. Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale))];
            float[] a = Random(1), dy = Random(2), dhNext = Random(2);
            float[] dh = [.. dy.Zip(dhNext, (p, q) => p + q)];
            float[] expected = new float[n], dz = new float[n], overDy = (float[])dy.Clone();
            TanhRows.BackwardReference(a, dh, expected);
            TanhRows.BackwardSum(a, dy, dhNext, dz);
            TanhRows.BackwardSum(a, overDy, dhNext, overDy); // the Elman cell may write dz over dy
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(dz[i]));
                Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(overDy[i]));
            }
        }
    }

    [Fact]
    public void Backward_RejectsMismatchedLengths() =>
        Assert.Throws<ArgumentException>(() => TanhRows.Backward(new float[8], new float[7], new float[8]));
}
