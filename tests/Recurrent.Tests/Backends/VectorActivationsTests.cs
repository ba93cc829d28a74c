using System.Runtime.Intrinsics;
using Recurrent.Backends.Cpu;

namespace Recurrent.Tests.Backends;

/// <summary>
/// σ(x) = ½·tanh(x/2) + ½ on the rational tanh (the LSTM and GRU gates): within its stated 1.6e-7 of σ in double on
/// dense grids, exactly 0 and 1 from |x| = 18 on, NaN kept. (tanh's own bound: TanhRowsTests.)
/// </summary>
public class VectorActivationsTests
{
    [Fact]
    public void Sigmoid_IsWithinItsStatedBound_OnADenseGrid()
    {
        if (!VectorActivations.IsSupported) return; // the vector path needs AVX2 and FMA; the rows fall back to MathF
        double worst = 0;
        var values = new float[8];
        for (int i = -3_000_000; i <= 3_000_000; i += 8)
        {
            for (int l = 0; l < 8; l++) values[l] = (i + l) * 1e-5f;
            var s = VectorActivations.Sigmoid(Vector256.Create<float>(values));
            for (int l = 0; l < 8; l++)
            {
                double exact = 1 / (1 + Math.Exp(-(double)values[l])), error = Math.Abs(s[l] - exact);
                worst = Math.Max(worst, error);
                Assert.True(error <= 1.6e-7, $"σ({values[l]:R}) = {s[l]:R}, exact {exact:R}: off by {error:G3}");
                if (values[l] >= 18f) Assert.True(s[l] == 1f, $"σ({values[l]:R}) = {s[l]:R}, expected 1");
                if (values[l] <= -18f) Assert.True(s[l] == 0f, $"σ({values[l]:R}) = {s[l]:R}, expected 0");
            }
        }
        Assert.True(worst > 1e-9, $"largest error {worst:G3}: the grid did not exercise σ");
        var nan = VectorActivations.Sigmoid(Vector256.Create(float.NaN));
        Assert.True(float.IsNaN(nan[0]), "NaN in, NaN out");
    }
}
