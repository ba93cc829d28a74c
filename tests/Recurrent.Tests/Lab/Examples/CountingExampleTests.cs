using Recurrent.Diagnostics;
using Recurrent.Lab.Examples;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Lab.Examples;

/// <summary>
/// The worked example (docs/equations.md#memory-tasks) on the library's pieces: forward values against plain loops over
/// the material's matrices
/// (row convention), gradients against the library's checker and against the test's own finite differences, and the
/// argmax before (1, 3) and after training (2, 3).
/// </summary>
public class CountingExampleTests
{
    private static readonly double[][] X = [[1, 0, 0], [0, 0, 0]];   // x_1, x_2
    private static readonly double[][] Y = [[0, 1, 0], [0, 0, 1]];   // targets 2, 3

    [Fact]
    public void Forward_MatchesHandComputationInRowConvention()
    {
        var (hidden, outputs) = CountingExample.CreateNetwork().Forward();
        var (h, y) = HandForward(CountingExample.InitialU, CountingExample.InitialV, CountingExample.InitialW);
        for (int t = 0; t < 2; t++)
        {
            Approx.Equal(h[t], hidden[t], 1e-12, $"h_{t + 1}");
            Approx.Equal(y[t], outputs[t], 1e-12, $"ŷ_{t + 1}");
        }
        Approx.Equal([-0.1565, 0.9190], hidden[0], 1e-12, "h_1 = x_1 U, the first row of U");
    }

    [Fact]
    public void InitialArgmax_IsOneThree()
    {
        var report = CountingExample.Run();
        Assert.Equal([1, 3], report.Initial.Argmax);
    }

    [Fact]
    public void Gradients_PassTheLibraryGradientChecker()
    {
        var network = CountingExample.CreateNetwork();
        var report = GradientChecker.Check(network.Parameters, network.Cost, () => network.ComputeGradients(),
            new GradientCheckOptions(Step: 1e-5, FivePoint: false, Tolerance: 1e-6));
        Approx.Passes(report);
        Assert.Equal(3, report.Results.Count);
    }

    [Fact]
    public void Gradients_MatchIndependentFiniteDifferences()
    {
        var report = CountingExample.Run();
        var (u, v, w) = (CountingExample.InitialU, CountingExample.InitialV, CountingExample.InitialW);
        Compare(report.GradientU, u, m => HandCost(m, v, w), "∂J/∂U");
        Compare(report.GradientV, v, m => HandCost(u, m, w), "∂J/∂V");
        Compare(report.GradientW, w, m => HandCost(u, v, m), "∂J/∂W");
    }

    [Fact]
    public void Training_EndsWithArgmaxTwoThree()
    {
        var report = CountingExample.Run();
        Assert.True(report.Converged);
        Assert.Equal([2, 3], report.Final.Argmax);
        Assert.True(report.Final.Rmse < report.Initial.Rmse / 100, $"RMSE {report.Initial.Rmse} → {report.Final.Rmse}");
        Assert.InRange(report.Iterations, 2, 1000);
    }

    [Fact]
    public void Training_StopsAtTheFirstUpdateWhoseRmseChangeIsBelowTolerance()
    {
        var report = CountingExample.Run();
        // Replay plain gradient descent θ ← θ − 0.1 ∂J/∂θ by hand on a fresh network: only the last update may change
        // the RMSE by < 1e-4.
        var network = CountingExample.CreateNetwork();
        double previous = network.Rmse();
        for (int k = 1; k <= report.Iterations; k++)
        {
            network.ComputeGradients();
            Step(network, 0.1);
            double rmse = network.Rmse();
            Assert.True(Math.Abs(rmse - previous) < 1e-4 == (k == report.Iterations),
                $"iteration {k}: |Δ RMSE| = {Math.Abs(rmse - previous):E3}");
            previous = rmse;
        }
    }

    private static void Step(CountingNetwork network, double eta)
    {
        var values = network.Parameters.Values;
        var gradients = network.Parameters.Gradients;
        for (int i = 0; i < values.Length; i++) values[i] -= eta * gradients[i];
    }

    /// <summary>Central differences of the hand cost, entry by entry, against the library's gradient (relative
    /// 1e-6).</summary>
    private static void Compare(double[][] analytic, double[][] matrix, Func<double[][], double> cost, string what)
    {
        const double h = 1e-5;
        for (int i = 0; i < matrix.Length; i++)
            for (int j = 0; j < matrix[i].Length; j++)
            {
                var plus = matrix.Select(r => r.ToArray()).ToArray();
                var minus = matrix.Select(r => r.ToArray()).ToArray();
                plus[i][j] += h;
                minus[i][j] -= h;
                double numeric = (cost(plus) - cost(minus)) / (2 * h);
                double error = Math.Abs(analytic[i][j] - numeric)
                    / Math.Max(Math.Abs(analytic[i][j]) + Math.Abs(numeric), 1e-8);
                Assert.True(error <= 1e-6,
                    $"{what}[{i}, {j}]: analytic {analytic[i][j]:R}, numeric {numeric:R}, relative error {error:E2}");
            }
    }

    /// <summary>h_t = h_{t−1} W + x_t U, ŷ_t = h_t V with h_0 = 0, by plain loops.</summary>
    private static (double[][] H, double[][] Y) HandForward(double[][] u, double[][] v, double[][] w)
    {
        var hs = new double[2][];
        var ys = new double[2][];
        var previous = new double[2];
        for (int t = 0; t < 2; t++)
        {
            var h = new double[2];
            for (int j = 0; j < 2; j++)
            {
                for (int i = 0; i < 2; i++) h[j] += previous[i] * w[i][j];
                for (int i = 0; i < 3; i++) h[j] += X[t][i] * u[i][j];
            }
            var y = new double[3];
            for (int k = 0; k < 3; k++)
                for (int j = 0; j < 2; j++) y[k] += h[j] * v[j][k];
            (hs[t], ys[t], previous) = (h, y, h);
        }
        return (hs, ys);
    }

    /// <summary>J = Σ_t (y_t − ŷ_t)ᵀ(y_t − ŷ_t).</summary>
    private static double HandCost(double[][] u, double[][] v, double[][] w)
    {
        var (_, ys) = HandForward(u, v, w);
        double cost = 0;
        for (int t = 0; t < 2; t++)
            for (int k = 0; k < 3; k++) cost += (Y[t][k] - ys[t][k]) * (Y[t][k] - ys[t][k]);
        return cost;
    }
}
