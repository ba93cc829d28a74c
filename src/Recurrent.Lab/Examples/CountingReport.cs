namespace Recurrent.Lab.Examples;

/// <summary>What <see cref="CountingExample.Run"/> found.</summary>
/// <param name="Initial">The network at the worked example's initial weights (docs/equations.md#memory-tasks).</param>
/// <param name="GradientU">∂J/∂U (3 × 2) at the initial weights.</param>
/// <param name="GradientV">∂J/∂V (2 × 3) at the initial weights.</param>
/// <param name="GradientW">∂J/∂W (2 × 2) at the initial weights.</param>
/// <param name="Iterations">Weight updates made (see <see cref="CountingExample.Run"/> for when it stops).</param>
/// <param name="Converged">True when it stopped on the RMSE criterion rather than on the iteration cap.</param>
/// <param name="Final">The network after the last update.</param>
public sealed record CountingReport(
    CountingSnapshot Initial,
    double[][] GradientU, double[][] GradientV, double[][] GradientW,
    int Iterations, bool Converged,
    CountingSnapshot Final);
