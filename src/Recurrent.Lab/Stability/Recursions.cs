using MathNet.Numerics.LinearAlgebra;
using Vector = MathNet.Numerics.LinearAlgebra.Vector<double>;
using Recurrent.Layers;

namespace Recurrent.Lab.Stability;

/// <summary>The recursions of docs/equations.md#stability, each run from one input at t = 0 and no input
/// after.</summary>
public static class Recursions
{
    /// <summary>
    /// Linear recursion h_t = W h_{t−1} + C x_t with h_{−1} = 0, C = I and x_0 = [1, …, 1], x_t = 0 after: h_t = Wᵗ
    /// x_0. Returns ‖h_t‖ for t = 0..steps; for large t it follows |λ_max|ᵗ.
    /// </summary>
    public static double[] LinearNorms(Matrix<double> w, int steps)
    {
        var h = Vector.Build.Dense(w.RowCount, 1.0);
        var norms = new double[steps + 1];
        norms[0] = h.L2Norm();
        for (int t = 1; t <= steps; t++)
        {
            h = w * h;
            norms[t] = h.L2Norm();
        }
        return norms;
    }

    /// <summary>Scalar recursion h(t) = f(w h(t−1) + c x(t)) with h(0) = <paramref name="start"/> and x(t) = 0 for t ≥
    /// 1; returns h(0..steps).</summary>
    public static double[] Scalar(Activation f, double w, double start, int steps)
    {
        var h = new double[steps + 1];
        h[0] = start;
        for (int t = 1; t <= steps; t++) h[t] = ScalarActivation.Apply(f, w * h[t - 1]);
        return h;
    }

    /// <summary>Vector process h(t) = f(W h(t−1)) from h(0) = <paramref name="start"/> (no input after); returns ‖h(t)‖
    /// for t = 0..steps.</summary>
    public static double[] VectorNorms(Activation f, Matrix<double> w, Vector start, int steps)
    {
        var h = start.Clone();
        var norms = new double[steps + 1];
        norms[0] = h.L2Norm();
        for (int t = 1; t <= steps; t++)
        {
            h = (w * h).Map(z => ScalarActivation.Apply(f, z));
            norms[t] = h.L2Norm();
        }
        return norms;
    }

    /// <summary>
    /// Impulse response of the multi-tap recursion h(t) = Σ_k a_k h(t − d_k) + x(t) with x(0) = 1, x(t) = 0 after and
    /// h(t) = 0 for t &lt; 0; returns h(0..steps). E.g. taps {(1, 0.5), (5, 0.25)} is the first multi-tap
    /// recursion of docs/equations.md#stability.
    /// </summary>
    public static double[] MultiTap(IReadOnlyList<(int Delay, double Weight)> taps, int steps)
    {
        ArgumentNullException.ThrowIfNull(taps);
        if (taps.Any(tap => tap.Delay <= 0)) throw new ArgumentException("every tap delay must be ≥ 1", nameof(taps));
        var h = new double[steps + 1];
        for (int t = 0; t <= steps; t++)
        {
            double value = t == 0 ? 1 : 0;
            foreach (var (delay, weight) in taps)
                if (t - delay >= 0) value += weight * h[t - delay];
            h[t] = value;
        }
        return h;
    }

    /// <summary>
    /// The characteristic roots of a multi-tap recursion: the eigenvalues of its companion matrix, i.e. the roots of
    /// z^D − Σ_k a_k z^{D − d_k}; their number (D, the longest delay) is the number of memory "modes".
    /// </summary>
    public static System.Numerics.Complex[] MultiTapRoots(IReadOnlyList<(int Delay, double Weight)> taps)
    {
        int order = taps.Max(tap => tap.Delay);
        var companion = Matrix<double>.Build.Dense(order, order);
        foreach (var (delay, weight) in taps) companion[0, delay - 1] += weight;
        for (int i = 1; i < order; i++) companion[i, i - 1] = 1;
        return [.. companion.Evd().EigenValues.OrderByDescending(z => z.Magnitude)];
    }
}
