using MathNet.Numerics.LinearAlgebra;
using Recurrent.Lab.Stability;
using Recurrent.Layers;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Tests.Lab.Stability;

public class StabilityTests
{
    [Fact]
    public void LinearNorms_OfADiagonalW_FollowLargestEigenvalueToThePowerT()
    {
        var w = Matrix<double>.Build.DiagonalOfDiagonalArray([1.2, 0.5, -0.3]);
        var norms = Recursions.LinearNorms(w, 30);
        for (int t = 0; t <= 30; t++)
        {
            double expected = Math.Sqrt(Math.Pow(1.2, 2 * t) + Math.Pow(0.5, 2 * t) + Math.Pow(0.3, 2 * t));
            Assert.True(Math.Abs(norms[t] - expected) <= 1e-12 * expected, $"t = {t}: {norms[t]} vs {expected}");
        }
        Assert.True(Math.Abs(norms[30] / norms[29] - 1.2) < 1e-6);
    }

    [Theory]
    [InlineData(1.1)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void RealSpectrum_HasTheChosenSpectralRadius(double radius)
    {
        var m = SpectralMatrix.RealSpectrum("w", 6, radius, new Random(3));
        Assert.True(Math.Abs(m.SpectralRadius - radius) < 1e-9, $"ρ = {m.SpectralRadius}");
        Assert.All(m.Eigenvalues, l => Assert.True(Math.Abs(l.Imaginary) < 1e-9));
    }

    [Fact]
    public void ComplexPair_HasEigenvaluesReToTheIPlusMinusTheta()
    {
        var m = SpectralMatrix.ComplexPair("w", 5, 0.97, Math.PI / 6, new Random(4));
        var pair = m.Eigenvalues.Take(2).ToArray();
        Assert.All(pair, l =>
            Assert.True(Math.Abs(l.Magnitude - 0.97) < 1e-9 && Math.Abs(Math.Abs(l.Phase) - Math.PI / 6) < 1e-9,
            $"λ = {l}"));
        Assert.True(Math.Abs(pair[0].Imaginary + pair[1].Imaginary) < 1e-9);
    }

    [Fact]
    public void Matrices_AreDeterministicForASeed()
    {
        var a = StabilityAnalysis.Matrices(new StabilityOptions { Size = 4, Seed = 9 });
        var b = StabilityAnalysis.Matrices(new StabilityOptions { Size = 4, Seed = 9 });
        for (int i = 0; i < a.Count; i++) Assert.True((a[i].W - b[i].W).InfinityNorm() < 1e-15);
    }

    [Fact]
    public void MultiTap_MatchesAHandRecursion()
    {
        var h = Recursions.MultiTap([(1, 0.5), (5, 0.25), (8, 0.1)], 12);
        var expected = new double[13];
        for (int t = 0; t <= 12; t++)
            expected[t] = (t == 0 ? 1 : 0) + (t >= 1 ? 0.5 * expected[t - 1] : 0)
                + (t >= 5 ? 0.25 * expected[t - 5] : 0) + (t >= 8 ? 0.1 * expected[t - 8] : 0);
        for (int t = 0; t <= 12; t++) Assert.True(Math.Abs(h[t] - expected[t]) < 1e-15, $"t = {t}");
        Assert.True(Math.Abs(h[5] - (Math.Pow(0.5, 5) + 0.25)) < 1e-15);
        Assert.Equal(8, Recursions.MultiTapRoots([(1, 0.5), (5, 0.25), (8, 0.1)]).Length);
    }

    [Fact]
    public void Sigmoid_SaturatesWithinAFewSteps_FromEitherStart()
    {
        foreach (double w in StabilityAnalysis.ScalarWeights)
        {
            var up = Recursions.Scalar(Activation.Sigmoid, w, 1, 20);
            var down = Recursions.Scalar(Activation.Sigmoid, w, -1, 20);
            Assert.True(Math.Abs(up[10] - up[20]) < 1e-3 && Math.Abs(up[20] - down[20]) < 1e-6,
                $"w = {w}: {up[10]}, {up[20]}, {down[20]}");
        }
    }

    [Fact]
    public void Relu_IgnoresANegativeStart_AndGrowsAsWToTheT()
    {
        Assert.All(Recursions.Scalar(Activation.Relu, 1.5, -1, 10).Skip(1), h =>
            Assert.True(h == 0.0 || Math.Abs(h) < 1e-300));
        var up = Recursions.Scalar(Activation.Relu, 1.5, 1, 10);
        Assert.True(Math.Abs(up[10] - Math.Pow(1.5, 10)) < 1e-9);
    }

    [Fact]
    public void CheckpointSpectra_SplitGateBlocks_MatchKnownValues_AndSkipStoredGradients()
    {
        // LSTM weight_hh (4H, H) with H = 2: block k is diag(k + 1, (k + 1) / 2), so its spectral radius is k + 1.
        var values = new float[16];
        for (int k = 0; k < 4; k++) { values[(2 * k) * 2] = k + 1; values[(2 * k + 1) * 2 + 1] = (k + 1) / 2f; }
        string path = Path.Combine(Path.GetTempPath(), $"spectra-{Guid.NewGuid():N}.safetensors");
        try
        {
            new SafetensorsFile([SafetensorsTensor.From<float>("rnn.weight_hh_l0", values, [8, 2]),
                // a stored gradient, left out
                SafetensorsTensor.From<float>("grad.weight_hh_l0", values, [8, 2])]).Write(path);
            var spectra = RecurrentWeightSpectrum.FromCheckpoint(path);
            Assert.Equal(["all", "i", "f", "g", "o"], spectra.Select(s => s.Block));
            for (int k = 0; k < 4; k++) Assert.True(Math.Abs(spectra[k + 1].SpectralRadius!.Value - (k + 1)) < 1e-9);
            Assert.True(Math.Abs(spectra[0].SingularValues[0] - Math.Sqrt(1 + 4 + 9 + 16)) < 1e-9);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
