namespace Recurrent.Parameters;

/// <summary>
/// A (semi-)orthogonal matrix times gain, as torch.nn.init.orthogonal_ (Saxe et al. 2013). The weight is viewed
/// as rows = shape[0] by cols = (product of the rest). A rows×cols matrix of N(0, 1) draws is factored
/// (transposed first when rows &lt; cols) as A = QR with diag(R) ≥ 0, and the weight is gain·Q (or gain·Qᵀ).
/// Then WᵀW = gain²·I when rows ≥ cols and WWᵀ = gain²·I when rows ≤ cols. For recurrent weights this keeps
/// every singular value at gain, so the state neither explodes nor vanishes at the start of training.
/// Needs rank ≥ 2; costs O(max·min²) in double, negligible beside training.
/// </summary>
/// <param name="Gain">Scale of the orthogonal matrix. Default 1.</param>
public sealed record OrthogonalInitializer(double Gain = 1) : IInitializer
{
    /// <summary>The gain, positive and finite (checked on construction and on `with`).</summary>
    public double Gain { get; init =>
        field = Fans.CheckGain(value, nameof(Gain)); } = Fans.CheckGain(Gain, nameof(Gain));

    /// <inheritdoc/>
    public void Fill<T>(Span<T> values, ReadOnlySpan<int> shape, Random rng) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        Fans.RequireMatrixLike(shape, values.Length, "orthogonal initialisation");
        int rows = shape[0];
        int cols = values.Length / rows;
        bool wide = rows < cols;
        int m = Math.Max(rows, cols), n = Math.Min(rows, cols);

        // Draw row-major rows×cols, as PyTorch does, and store it as the tall m×n matrix to factor.
        var a = new double[m * n];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                a[wide ? j * n + i : i * n + j] = rng.NextGaussian();

        var q = HouseholderQr.OrthonormalFactor(a, m, n);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                values[i * cols + j] = T.CreateChecked(Gain * (wide ? q[j * n + i] : q[i * n + j]));
    }
}
