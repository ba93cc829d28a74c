using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>
/// Training's float path (vectorised gate kernels, views instead of copies) against the simple double path on the same
/// weights and inputs: a 2-layer stack with units enough for whole vectors and a tail (H = 20), every output and
/// gradient.
/// </summary>
public class FastPathAgreementTests
{
    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Rnn)]
    public void FloatStack_MatchesDoubleReference(CellKind cell)
    {
        const int steps = 6, batch = 3, inputs = 5, hidden = 20;
        var options = new RecurrentStackOptions(cell, inputs, hidden, NumLayers: 2);
        var pd = new ParameterSet<double>();
        var sd = new RecurrentStack<double>(pd, options);
        pd.Initialize(new Random(3));
        var pf = new ParameterSet<float>();
        var sf = new RecurrentStack<float>(pf, options);
        pf.Seal();
        for (int i = 0; i < pd.Count; i++) pf.Values[i] = (float)pd.Values[i];

        var rng = new Random(4);
        var x = LayerCheck.Random(rng, steps, batch, inputs);
        var g = LayerCheck.Random(rng, steps, batch, hidden);
        var yd = sd.Forward(x);
        var yf = sf.Forward(x.Convert<float>());
        Close(yd.Span, yf.Span, "y");
        var dxd = sd.Backward(g);
        var dxf = sf.Backward(g.Convert<float>());
        Close(dxd.Span, dxf.Span, "dx");
        Close(pd.Gradients, pf.Gradients, "parameter gradients");
        Close(sd.InitialHiddenGradient.Span, sf.InitialHiddenGradient.Span, "dh0");
    }

    private static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        int worst = 0;
        double largest = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - actual[i]) / (1e-3 + Math.Abs(expected[i]));
            if (d > largest) (largest, worst) = (d, i);
        }
        Assert.True(largest < 1e-3,
            $"{what}: largest relative difference {largest:E2} at {worst} ({expected[worst]} vs {actual[worst]})");
    }
}
