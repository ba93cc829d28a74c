using System.Globalization;
using Recurrent.Optimizers;

namespace Recurrent.Lab.Examples;

/// <summary>
/// The course's worked example, counting (one-to-many; docs/equations.md#memory-tasks): word 1 at t = 1 and nothing at
/// t = 2 should give words 2 then 3.
/// Hidden size 2, identity activations, no biases, h_0 = 0, J = Σ_t (y_t − ŷ_t)ᵀ(y_t − ŷ_t), trained by plain
/// gradient descent. Runs on <see cref="CountingNetwork"/>, i.e. on the library's RNN cell, recurrent layer and loss.
/// </summary>
public static class CountingExample
{
    /// <summary>The material's U (3 × 2).</summary>
    public static double[][] InitialU => [[-0.1565, 0.9190], [0.8315, 0.3115], [0.5844, -0.9286]];

    /// <summary>The material's V (2 × 3).</summary>
    public static double[][] InitialV => [[0.6983, 0.3575, 0.4863], [0.8680, 0.5155, -0.2155]];

    /// <summary>The material's W (2 × 2).</summary>
    public static double[][] InitialW => [[0.3110, 0.4121], [-0.6576, -0.9363]];

    /// <summary>The network at the material's initial weights.</summary>
    public static CountingNetwork CreateNetwork() => new(InitialU, InitialV, InitialW);

    /// <summary>
    /// Reports the network and ∂J/∂U, ∂J/∂V, ∂J/∂W at the initial weights, then trains by plain gradient descent
    /// θ ← θ − η ∂J/∂θ. With r_0 the RMSE at the initial weights and r_k the RMSE after the k-th update, iteration k
    /// is the k-th update, and training stops after the first update with |r_k − r_{k−1}| &lt;
    /// <paramref name="tolerance"/> (so <see cref="CountingReport.Iterations"/> = k), or after
    /// <paramref name="maxIterations"/> updates.
    /// </summary>
    /// <param name="learningRate">η. The material's 0.1.</param>
    /// <param name="tolerance">The RMSE change that ends training. The material's 1e-4.</param>
    /// <param name="maxIterations">A cap, in case a learning rate makes it diverge or crawl.</param>
    public static CountingReport Run(double learningRate = 0.1, double tolerance = 1e-4, int maxIterations = 100_000)
    {
        RequirePositive(learningRate, "learning rate", nameof(learningRate));
        RequirePositive(tolerance, "tolerance", nameof(tolerance));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIterations);
        var network = CreateNetwork();
        var initial = Snapshot(network);
        network.ComputeGradients();
        var (du, dv, dw) = (network.GradientU, network.GradientV, network.GradientW);

        var descent = new Sgd<double>(new SgdOptions(learningRate)); // plain: no momentum, no decay
        double previous = initial.Rmse;
        int iterations = 0;
        bool converged = false;
        while (iterations < maxIterations)
        {
            network.ComputeGradients();
            descent.Step(network.Parameters);
            iterations++;
            double rmse = network.Rmse();
            if (!double.IsFinite(rmse))
                throw new InvalidOperationException($"gradient descent diverged at iteration {iterations} (RMSE " +
                    $"{rmse}); try a smaller learning rate");
            if (Math.Abs(rmse - previous) < tolerance)
            {
                converged = true;
                break;
            }
            previous = rmse;
        }
        return new CountingReport(initial, du, dv, dw, iterations, converged, Snapshot(network));
    }

    /// <summary>The 1-based index of the largest entry (the first, on ties).</summary>
    public static int ArgMax(ReadOnlySpan<double> values) => TensorPrimitives.IndexOfMax(values) + 1;

    private static CountingSnapshot Snapshot(CountingNetwork network)
    {
        var (hidden, outputs) = network.Forward();
        double cost = network.Cost();
        return new CountingSnapshot(network.U, network.V, network.W, hidden[0], hidden[1], outputs[0], outputs[1],
            [ArgMax(outputs[0]), ArgMax(outputs[1])], cost,
                Math.Sqrt(cost / (CountingNetwork.Steps * CountingNetwork.VocabularySize)));
    }

    // The core's optimizers word the same check the same way ("learning rate must be a positive finite number, got
    // -0.1").
    private static void RequirePositive(double value, string what, string paramName)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(paramName,
                $"{what} must be a positive finite number, got {value.ToString("R", CultureInfo.InvariantCulture)}");
    }
}
