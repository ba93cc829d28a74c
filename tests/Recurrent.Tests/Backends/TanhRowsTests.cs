using Recurrent.Backends.Cpu;

namespace Recurrent.Tests.Backends;

/// <summary>
/// The Elman cell's vectorised tanh rows equal their one-value-at-a-time twins on every vector tail. Forward: the vector
/// tanh is an e^x formula and the twin uses MathF, so they differ by rounding (1e-6 relative to 1 + |value|, a few float
/// ulps); backward runs the same operations in the same order, so the bits are equal.
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
