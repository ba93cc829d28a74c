using Recurrent.Layers.Recurrent;
using Recurrent.Parameters;
using Recurrent.Tensors;
using Recurrent.Tests.Support;
using static Recurrent.Tests.Layers.Recurrent.RecurrentModels;

namespace Recurrent.Tests.Layers.Recurrent;

/// <summary>
/// Forward passes against the cells' equations written out element by element from the named parameters, so the gate
/// order, the bias placement and the peepholes are proven independently of the optimised code (gradient checks only
/// prove backward against forward).
/// </summary>
public class RecurrentEquationTests
{
    private const int Steps = 3, Batch = 2, H = HiddenSize;

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    /// <summary>Gate block q's pre-activation for unit j: W_ih[qH + j] · x + b_ih + (W_hh[qH + j] · h + b_hh) with its
    /// own bias when asked.</summary>
    private static (double Input, double Hidden) Pre(ParameterSet<double> p, int q, int j, ReadOnlySpan<double> x,
        ReadOnlySpan<double> h)
    {
        var wih = p["weight_ih_l0"].Value;
        var whh = p["weight_hh_l0"].Value;
        int row = q * H + j;
        double a = p.Contains("bias_ih_l0") ? p["bias_ih_l0"].Value.Span[row] : 0;
        double b = p.Contains("bias_hh_l0") ? p["bias_hh_l0"].Value.Span[row] : 0;
        for (int i = 0; i < InputSize; i++) a += wih[row, i] * x[i];
        for (int k = 0; k < H; k++) b += whh[row, k] * h[k];
        return (a, b);
    }

    private static double RhProduct(ParameterSet<double> p, int j, ReadOnlySpan<double> rh)
    {
        var whh = p["weight_hh_l0"].Value;
        double sum = p.Contains("bias_hh_l0") ? p["bias_hh_l0"].Value.Span[2 * H + j] : 0;
        for (int k = 0; k < H; k++) sum += whh[2 * H + j, k] * rh[k];
        return sum;
    }

    /// <summary>One step of the named cell for one row, from the equations in the cells' XML docs.</summary>
    private static void Step(string kind, ParameterSet<double> p, ReadOnlySpan<double> x, double[] h, double[] c)
    {
        var hNew = new double[H];
        var cNew = new double[H];
        if (kind.StartsWith("rnn"))
            for (int j = 0; j < H; j++) { var (a, b) = Pre(p, 0, j, x, h); hNew[j] = Math.Tanh(a + b); }
        else if (kind.StartsWith("lstm"))
        {
            bool peep = p.Contains("weight_ci_l0");
            var gate = new double[4];
            for (int j = 0; j < H; j++)
            {
                for (int q = 0; q < 4; q++) { var (a, b) = Pre(p, q, j, x, h); gate[q] = a + b; }
                double wci = peep ? p["weight_ci_l0"].Value.Span[j] : 0,
                    wcf = peep ? p["weight_cf_l0"].Value.Span[j] : 0;
                double wco = peep ? p["weight_co_l0"].Value.Span[j] : 0;
                double i = Sigmoid(gate[0] + wci * c[j]), f = Sigmoid(gate[1] + wcf * c[j]), g = Math.Tanh(gate[2]);
                cNew[j] = f * c[j] + i * g;
                double o = Sigmoid(gate[3] + wco * cNew[j]);
                hNew[j] = o * Math.Tanh(cNew[j]);
            }
        }
        else
        {
            bool before = kind.Contains("reset-before");
            var r = new double[H];
            var z = new double[H];
            for (int j = 0; j < H; j++)
            {
                var (ar, br) = Pre(p, 0, j, x, h);
                var (az, bz) = Pre(p, 1, j, x, h);
                r[j] = Sigmoid(ar + br);
                z[j] = Sigmoid(az + bz);
            }
            var rh = new double[H];
            for (int k = 0; k < H; k++) rh[k] = r[k] * h[k];
            for (int j = 0; j < H; j++)
            {
                var (an, bn) = Pre(p, 2, j, x, h);
                double n = Math.Tanh(before ? an + RhProduct(p, j, rh) : an + r[j] * bn);
                // the course's form vs PyTorch's
                hNew[j] = before ? (1 - z[j]) * h[j] + z[j] * n : (1 - z[j]) * n + z[j] * h[j];
            }
        }
        hNew.CopyTo(h, 0);
        cNew.CopyTo(c, 0);
    }

    [Theory]
    [InlineData("rnn-tanh")]
    [InlineData("lstm-peepholes-forget1")]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("gru-reset-before")]
    public void Forward_FollowsTheCellEquations(string kind)
    {
        var (layer, parameters) = Build<double>(kind, seed: 81);
        var rng = new Random(82);
        var x = LayerCheck.Random(rng, Steps, Batch, InputSize);
        var initial = RandomState(rng, Batch, layer.Cell.HasCellState);
        var y = layer.Forward(x, [], initial);
        for (int b = 0; b < Batch; b++)
        {
            double[] h = initial.H.Row(b).ToArray();
            double[] c = initial.C is null ? new double[H] : initial.C.Row(b).ToArray();
            for (int t = 0; t < Steps; t++)
            {
                Step(kind, parameters, x[t].Row(b), h, c);
                Approx.Equal(h, y[t].Row(b), 1e-14, $"h at step {t}, row {b}");
            }
            if (initial.C is not null) Approx.Equal(c, layer.FinalState.C!.Row(b), 1e-14, $"final c of row {b}");
        }
    }
}
