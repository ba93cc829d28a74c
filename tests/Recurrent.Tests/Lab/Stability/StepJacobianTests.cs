using MathNet.Numerics.LinearAlgebra;
using Recurrent.Lab.Stability;
using Recurrent.Layers;
using Recurrent.Layers.Recurrent;
using Recurrent.Models;
using Recurrent.Parameters;

namespace Recurrent.Tests.Lab.Stability;

public class StepJacobianTests
{
    private const int Input = 3, Hidden = 4;

    [Fact]
    public void RnnWithIdentityActivation_JacobianIsWeightHh_AndItsNormsAreMathNets()
    {
        var parameters = new ParameterSet<double>();
        var cell = new RnnCell<double>(parameters, Input, Hidden, Activation.Identity);
        parameters.Initialize(new Random(1));
        var (x, h, _) = Point(cell, new Random(2));
        var j = StepJacobian.OfHidden(cell, x, h, default);
        var w = WeightHh(cell);
        AssertClose(w, j, 1e-8, "J vs W_hh");
        Assert.True(Math.Abs(j.L2Norm() - w.Svd(false).S[0]) < 1e-8,
            $"‖J‖₂ {j.L2Norm()} vs σ_max(W_hh) {w.Svd(false).S[0]}");
        Assert.True(Math.Abs(j.FrobeniusNorm() - w.FrobeniusNorm()) < 1e-8);
    }

    [Fact]
    public void RnnWithTanh_JacobianIsDiagOfOneMinusHSquaredTimesWeightHh()
    {
        var parameters = new ParameterSet<double>();
        var cell = new RnnCell<double>(parameters, Input, Hidden, Activation.Tanh);
        parameters.Initialize(new Random(3));
        foreach (ref double v in parameters.Values) v *= 3; // away from tanh's linear part
        var (x, h, _) = Point(cell, new Random(4));
        // h_t = tanh(W_ih x + b_ih + W_hh h + b_hh), written out independently of the cell.
        var z = Matrix<double>.Build.DenseOfRowMajor(Hidden, Input, cell.WeightIh.Value.Span.ToArray())
            * Vector<double>.Build.DenseOfArray(x)
              + WeightHh(cell) * Vector<double>.Build.DenseOfArray(h)
              + Vector<double>.Build.DenseOfArray(cell.BiasIh!.Value.Span.ToArray())
                  + Vector<double>.Build.DenseOfArray(cell.BiasHh!.Value.Span.ToArray());
        var expected = Matrix<double>.Build.DiagonalOfDiagonalVector(z.Map(v =>
            1 - Math.Tanh(v) * Math.Tanh(v))) * WeightHh(cell);
        AssertClose(expected, StepJacobian.OfHidden(cell, x, h, default), 1e-8, "J vs diag(1 − h_t²) W_hh");
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("gru-spec")]
    public void FiniteDifferences_AgreeWithTheCellsBackward(string kind)
    {
        // Second method: the adjoint. Backward from dh = e_i (dc = 0) gives row i of ∂h_t/∂(h_{t−1}, c_{t−1}); from dc
        // = e_i (dh = 0) row i of ∂c_t/∂(·).
        var parameters = new ParameterSet<double>();
        RecurrentCell<double> cell = kind switch
        {
            "lstm" => new LstmCell<double>(parameters, Input, Hidden),
            "gru" => new GruCell<double>(parameters, Input, Hidden),
            _ => new GruCell<double>(parameters, Input, Hidden, form: GruForm.ResetBeforeProduct),
        };
        parameters.Initialize(new Random(5));
        foreach (ref double v in parameters.Values) v *= 3;
        var (x, h, c) = Point(cell, new Random(6));
        var fd = StepJacobian.OfState(cell, x, h, c);
        var adjoint = Adjoint(cell, x, h, c);
        AssertClose(adjoint, fd, 1e-8, $"{kind}: finite differences vs Backward");
        Assert.Equal(cell.HasCellState ? 2 * Hidden : Hidden, fd.RowCount);
        AssertClose(adjoint.SubMatrix(0, Hidden, 0, Hidden), StepJacobian.OfHidden(cell, x, h, c), 1e-8,
            $"{kind}: ∂h_t/∂h_(t−1) block");
    }

    [Fact]
    public void AlongText_TanhRnnCheckpoint_MatchesDiagOfOneMinusHSquaredTimesWeightHh_PerLayer()
    {
        var config = new CharLanguageModelConfig(CellKind.Rnn, VocabularySize: 4, HiddenSize: 3, NumLayers: 2);
        var model = new CharLanguageModel<double>(config, new Random(7));
        foreach (ref double v in model.Parameters.Values) v *= 3;
        string[] vocabulary = ["a", "b", "c", " "];
        const string text = "abc? cab ba!";   // ? and ! are not in the vocabulary: skipped and counted
        var norms = StepJacobianNorms.Measure(model, vocabulary, text, 8);
        Assert.Equal(8, norms.Steps);
        Assert.Equal(1, norms.Skipped);          // "?" comes before the 8th known character, "!" after it
        Assert.Null(norms.StateSpectral);

        var states = model.CreateStates(1);
        int t = 0;
        foreach (char ch in text.Where(ch => vocabulary.Contains(ch.ToString())).Take(8))
        {
            model.Step([Array.IndexOf(vocabulary, ch.ToString())], states);
            for (int l = 0; l < config.NumLayers; l++)
            {
                var w = Matrix<double>.Build.DenseOfRowMajor(3, 3,
                    model.Parameters[$"rnn.weight_hh_l{l}"].Value.Span.ToArray());
                var j = Matrix<double>.Build.DiagonalOfDiagonalArray([.. states[l].H.Span.ToArray().Select(v =>
                    1 - v * v)]) * w;
                Assert.True(Math.Abs(j.L2Norm() - norms.Spectral[l][t]) < 1e-8,
                    $"t = {t + 1}, layer {l}: {norms.Spectral[l][t]} vs {j.L2Norm()}");
                Assert.True(Math.Abs(j.FrobeniusNorm() - norms.Frobenius[l][t]) < 1e-8, $"t = {t + 1}, layer {l}");
            }
            t++;
        }
    }

    [Fact]
    public void Summary_GivesMedianMaxAndFractionAboveOne()
    {
        var (median, max, above) = StepJacobianNorms.Summary([0.5, 2, 1, 3]);
        Assert.Equal((1.5, 3.0, 0.5), (median, max, above));
    }

    private static (double[] X, double[] H, double[] C) Point(RecurrentCell<double> cell, Random rng)
    {
        double[] Draw(int n) => [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1)];
        return (Draw(cell.InputSize), Draw(cell.HiddenSize), cell.HasCellState ? Draw(cell.HiddenSize) : []);
    }

    private static Matrix<double> WeightHh(RecurrentCell<double> cell) =>
        Matrix<double>.Build.DenseOfRowMajor(cell.GateWidth, cell.HiddenSize, cell.WeightHh.Value.Span.ToArray());

    private static Matrix<double> Adjoint(RecurrentCell<double> cell, double[] x, double[] h, double[] c)
    {
        int hs = cell.HiddenSize, gh = cell.GateWidth, kw = cell.CacheWidth, size = cell.HasCellState ? 2 * hs : hs;
        var cache = new double[kw]; // (1, K): xp, then the cache; the gradients are rows of the same width
        cell.ProjectInputs(cache, x, 1, new InputProjection<double>(gh));
        var (hNext, cNext) = (new double[hs], new double[c.Length]);
        cell.Forward(new RecurrentStep<double>
        {
            Batch = 1, Cache = cache, H = hNext, C = cNext, HPrev = h, CPrev = c,
                Scratch = new double[cell.ScratchWidth],
        });
        var j = Matrix<double>.Build.Dense(size, size);
        for (int i = 0; i < size; i++)
        {
            var (dh, dc) = (new double[hs], new double[c.Length]);
            if (i < hs) dh[i] = 1; else dc[i - hs] = 1;
            var (dhPrev, dcPrev) = (new double[hs], new double[c.Length]);
            cell.Backward(new RecurrentStep<double>
            {
                Batch = 1, Cache = cache, Gradients = new double[kw], HPrev = h, CPrev = c, C = cNext, Dh = dh, Dc = dc,
                DhPrev = dhPrev, DcPrev = dcPrev, Scratch = new double[cell.ScratchWidth],
            }); // gradients apart from the cache, which the next column's backward reads again
            for (int k = 0; k < hs; k++) j[i, k] = dhPrev[k];
            for (int k = 0; k < c.Length; k++) j[i, hs + k] = dcPrev[k];
        }
        return j;
    }

    private static void AssertClose(Matrix<double> expected, Matrix<double> actual, double tolerance, string what)
    {
        Assert.Equal((expected.RowCount, expected.ColumnCount), (actual.RowCount, actual.ColumnCount));
        var (worst, at) = (0.0, (0, 0));
        for (int i = 0; i < expected.RowCount; i++)
            for (int k = 0; k < expected.ColumnCount; k++)
                if (Math.Abs(expected[i, k] - actual[i, k]) > worst) (worst, at)
                    = (Math.Abs(expected[i, k] - actual[i, k]), (i, k));
        Assert.True(worst <= tolerance, $"{what}: largest difference {worst:G3} at {at} (tolerance {tolerance:G3})");
    }
}
