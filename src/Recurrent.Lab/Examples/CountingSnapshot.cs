namespace Recurrent.Lab.Examples;

/// <summary>The worked example's network at one set of weights, in the row-vector convention of
/// docs/equations.md#memory-tasks.</summary>
/// <param name="U">U (3 × 2).</param>
/// <param name="V">V (2 × 3).</param>
/// <param name="W">W (2 × 2).</param>
/// <param name="H1">h_1 (2).</param>
/// <param name="H2">h_2 (2).</param>
/// <param name="Y1">ŷ_1 (3).</param>
/// <param name="Y2">ŷ_2 (3).</param>
/// <param name="Argmax">The predicted words (argmax ŷ_1, argmax ŷ_2), 1-based as the vocabulary 1, 2, 3.</param>
/// <param name="Cost">J = Σ_t (y_t − ŷ_t)ᵀ(y_t − ŷ_t).</param>
/// <param name="Rmse">√(J / 6).</param>
public sealed record CountingSnapshot(
    double[][] U, double[][] V, double[][] W,
    double[] H1, double[] H2, double[] Y1, double[] Y2,
    int[] Argmax, double Cost, double Rmse);
