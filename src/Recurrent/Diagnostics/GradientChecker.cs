using Recurrent.Parameters;

namespace Recurrent.Diagnostics;

/// <summary>
/// Proves backward passes against finite differences, in float64, on any model and loss
/// (docs/equations.md#gradient-check). For each checked entry θ_i: numeric n ≈ ∂C/∂θ_i by finite differences,
/// analytic a = the gradient from the backward pass, relative error |a − n| / max(|a| + |n|, floor).
/// By default n is the five-point stencil [8(C(θ+h) − C(θ−h)) − (C(θ+2h) − C(θ−2h))] / 12h with h = 1e-3;
/// see <see cref="GradientCheckOptions"/> for why, and <see cref="GradientCheckOptions.ForKinks"/> for ReLU-like
/// models.
/// </summary>
public static class GradientChecker
{
    /// <summary>
    /// Checks every named parameter of <paramref name="parameters"/>: zeroes the gradients, runs
    /// <paramref name="computeGradients"/> once for the analytic gradient, then perturbs sampled entries of
    /// <see cref="ParameterSet{T}.Values"/> by ±h, calling <paramref name="loss"/> for each, and restores them.
    /// </summary>
    /// <param name="parameters">The model's sealed parameter set.</param>
    /// <param name="loss">Runs the forward pass and returns the cost (must not change the parameters).</param>
    /// <param name="computeGradients">Zeroes the gradients and runs forward and backward, filling
    /// <see cref="ParameterSet{T}.Gradients"/>.</param>
    /// <param name="options">Step, sampling, floor and tolerance; defaults when null.</param>
    public static GradientCheckReport Check(ParameterSet<double> parameters, Func<double> loss, Action computeGradients,
        GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(computeGradients);
        options ??= new GradientCheckOptions();
        Validate(options);
        parameters.ZeroGradients();
        computeGradients();
        double[] analytic = parameters.Gradients.ToArray(); // a snapshot: loss() may run code that touches gradients
        var rng = new Random(options.Seed);
        var results = new List<GradientCheckResult>(parameters.Parameters.Count);
        foreach (var p in parameters.Parameters)
            results.Add(CheckEntries(p.Name, p.Shape, p.Value.Span, analytic.AsSpan(p.Offset, p.Length), loss, options,
                rng));
        return new GradientCheckReport(results, options.Tolerance);
    }

    /// <summary>
    /// Checks ∂C/∂x for an input tensor x, e.g. the tensor a layer's Backward returned: perturbs sampled entries of
    /// <paramref name="input"/> by ±h (restoring them) and compares with <paramref name="analyticGradient"/>,
    /// which is copied first, so it may be a workspace that later forward passes overwrite.
    /// </summary>
    /// <param name="input">x, the tensor <paramref name="loss"/> reads.</param>
    /// <param name="loss">Runs the forward pass on <paramref name="input"/> and returns the cost.</param>
    /// <param name="analyticGradient">∂C/∂x from the backward pass; the shape of <paramref name="input"/>.</param>
    /// <param name="name">Row name in reports.</param>
    public static GradientCheckResult CheckInput(Tensor<double> input, Func<double> loss,
        Tensor<double> analyticGradient,
        GradientCheckOptions? options = null, string name = "input")
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(analyticGradient);
        ShapeCheck.Same(analyticGradient, input, "analytic gradient", "input");
        options ??= new GradientCheckOptions();
        Validate(options);
        double[] analytic = analyticGradient.Span.ToArray();
        return CheckEntries(name, input.Shape, input.Span, analytic, loss, options, new Random(options.Seed));
    }

    /// <summary>|a − n| / max(|a| + |n|, floor): symmetric, ≤ 1, and 0 when both are exactly zero.</summary>
    public static double RelativeError(double analytic, double numeric, double floor) =>
        Math.Abs(analytic - numeric) / Math.Max(Math.Abs(analytic) + Math.Abs(numeric), floor);

    private static GradientCheckResult CheckEntries(string name, int[] shape, Span<double> values,
        ReadOnlySpan<double> analytic,
        Func<double> loss, GradientCheckOptions options, Random rng)
    {
        int[] indices = Sample(values.Length, options.MaxEntriesPerParameter, rng);
        double worst = -1, worstAnalytic = 0, worstNumeric = 0;
        int worstIndex = -1;
        foreach (int i in indices)
        {
            double numeric = CentralDifference(values, i, options.Step, loss);
            if (options.FivePoint) // Richardson on h and 2h cancels the h² term: the five-point stencil
                numeric = (4 * numeric - CentralDifference(values, i, 2 * options.Step, loss)) / 3;
            double error = RelativeError(analytic[i], numeric, options.RelativeErrorFloor);
            if (double.IsNaN(error)) error = double.PositiveInfinity;
            if (error > worst)
                (worst, worstIndex, worstAnalytic, worstNumeric) = (error, i, analytic[i], numeric);
        }
        return new GradientCheckResult(name, shape, indices.Length, Math.Max(worst, 0), worstIndex, worstAnalytic,
            worstNumeric);
    }

    private static double CentralDifference(Span<double> values, int i, double h, Func<double> loss)
    {
        double original = values[i];
        double plus = original + h, minus = original - h;
        values[i] = plus;
        double costPlus = loss();
        values[i] = minus;
        double costMinus = loss();
        values[i] = original;
        return (costPlus - costMinus) / (plus - minus); // the step actually taken, after rounding
    }

    /// <summary>All indices of a small tensor; otherwise <paramref name="max"/> distinct ones by a partial Fisher–Yates
    /// shuffle, sorted.</summary>
    private static int[] Sample(int length, int max, Random rng)
    {
        int[] all = Enumerable.Range(0, length).ToArray();
        if (length <= max) return all;
        for (int i = 0; i < max; i++)
        {
            int j = rng.Next(i, length);
            (all[i], all[j]) = (all[j], all[i]);
        }
        int[] chosen = all[..max];
        Array.Sort(chosen);
        return chosen;
    }

    private static void Validate(GradientCheckOptions options)
    {
        if (!(options.Step > 0) || double.IsInfinity(options.Step))
            throw new ArgumentOutOfRangeException(nameof(options), $"step must be finite and > 0, got {options.Step}");
        if (options.MaxEntriesPerParameter <= 0)
            throw new ArgumentOutOfRangeException(nameof(options),
                $"max entries per parameter must be > 0, got {options.MaxEntriesPerParameter}");
        if (!(options.RelativeErrorFloor > 0))
            throw new ArgumentOutOfRangeException(nameof(options),
                $"relative error floor must be > 0, got {options.RelativeErrorFloor}");
    }
}
