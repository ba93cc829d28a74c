namespace Recurrent.Parameters;

/// <summary>
/// Thin QR decomposition by Householder reflections, in double, for <see cref="OrthogonalInitializer"/>.
/// Householder rather than Gram–Schmidt because its Q is orthonormal to machine precision whatever the
/// conditioning of A (Gram–Schmidt loses orthogonality in proportion to cond(A)).
/// </summary>
internal static class HouseholderQr
{
    /// <summary>
    /// The m×n factor Q of A = QR for a row-major m×n matrix A with m ≥ n, signed so that diag(R) ≥ 0, which makes
    /// Q unique for full-rank A (the sign correction torch.nn.init.orthogonal_ applies). A is not modified.
    /// </summary>
    /// <remarks>
    /// Reflection k maps column k of the remaining block onto α·e₁ with α = −sign(x₀)‖x‖ (the sign that avoids
    /// cancellation); then R[k,k] = α. Q = H₀H₁…Hₙ₋₁ applied to the first n columns of I. A zero column gets
    /// R[k,k] = 0 and sign +1 (torch's sign(0) = 0 would zero that column of Q).
    /// </remarks>
    public static double[] OrthonormalFactor(ReadOnlySpan<double> a, int m, int n)
    {
        if (m < n) throw new ArgumentException($"thin QR needs rows ≥ columns, got {m}×{n}");
        var r = a.ToArray();                 // (m, n), becomes R in its upper triangle
        var reflectors = new double[n][];    // v_k of length m − k, unit norm; null where the column was zero
        var diagonal = new double[n];        // R[k,k]
        var w = new double[n];               // vᵀM, scratch for the reflections

        for (int k = 0; k < n; k++)
        {
            double norm = 0;
            for (int i = k; i < m; i++) norm += r[i * n + k] * r[i * n + k];
            norm = Math.Sqrt(norm);
            if (norm == 0) continue;

            double alpha = r[k * n + k] > 0 ? -norm : norm;
            var v = new double[m - k];
            for (int i = k; i < m; i++) v[i - k] = r[i * n + k];
            v[0] -= alpha;
            double vNorm = 0;
            foreach (double x in v) vNorm += x * x;
            vNorm = Math.Sqrt(vNorm);
            for (int i = 0; i < v.Length; i++) v[i] /= vNorm;

            ApplyReflector(v, r, k, n, firstColumn: k, w);
            reflectors[k] = v;
            diagonal[k] = alpha;
        }

        var q = new double[m * n]; // starts as the first n columns of I
        for (int j = 0; j < n; j++) q[j * n + j] = 1;
        for (int k = n - 1; k >= 0; k--)
            if (reflectors[k] is { } v) ApplyReflector(v, q, k, n, firstColumn: 0, w);

        for (int j = 0; j < n; j++)
            if (diagonal[j] < 0)
                for (int i = 0; i < m; i++) q[i * n + j] = -q[i * n + j];
        return q;
    }

    /// <summary>
    /// M[k.., c] ← (I − 2vvᵀ) M[k.., c] for every column c ≥ <paramref name="firstColumn"/> of the row-major (·, n)
    /// matrix M: first w = vᵀM[k.., ·], then M[k + i, ·] −= 2vᵢw, both passes along rows so memory is read in order.
    /// </summary>
    private static void ApplyReflector(double[] v, double[] matrix, int k, int n, int firstColumn, double[] w)
    {
        var dots = w.AsSpan(firstColumn, n - firstColumn);
        dots.Clear();
        for (int i = 0; i < v.Length; i++)
            TensorPrimitives.MultiplyAdd(matrix.AsSpan((k + i) * n + firstColumn, n - firstColumn), v[i], dots, dots);
        for (int i = 0; i < v.Length; i++)
        {
            var row = matrix.AsSpan((k + i) * n + firstColumn, n - firstColumn);
            TensorPrimitives.MultiplyAdd(dots, -2 * v[i], row, row);
        }
    }
}
