using Recurrent.Backends.Cpu;

namespace Recurrent.Tests.Backends;

/// <summary>
/// The Elman cell's tanh kernel on its own: the rational fit's bound, NaN, and argument checks. Its agreement with
/// the cell's reference is in <see cref="Layers.Recurrent.CellKernelAgreementTests"/>.
/// </summary>
public class TanhRowsTests
{
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
        // a float tanh is never exact
        Assert.True(worst > 1e-8, $"largest error {worst:G3}: the grid did not exercise the fit");
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
    public void Backward_RejectsMismatchedLengths() =>
        Assert.Throws<ArgumentException>(() => TanhRows.Backward(new float[8], new float[7], new float[8]));
}
