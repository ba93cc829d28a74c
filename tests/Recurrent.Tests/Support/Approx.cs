using Recurrent.Diagnostics;

namespace Recurrent.Tests.Support;

/// <summary>Float comparisons for tests: never ==, always the largest difference and where it is.</summary>
internal static class Approx
{
    /// <summary>Asserts |expected − actual| ≤ tolerance element-wise; the failure names the worst index and both
    /// values.</summary>
    public static void Equal(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance,
        string what = "values")
    {
        Assert.Equal(expected.Length, actual.Length);
        if (expected.Length == 0) return; // an empty tensor agrees trivially, and has no worst index to report
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - actual[i]);
            if (double.IsNaN(d)) d = double.PositiveInfinity;
            if (d > worst || at < 0) (worst, at) = (d, i);
        }
        Assert.True(worst <= tolerance,
            $"{what}: largest difference {worst:E3} at [{at}] (expected {expected[at]:R}, got {actual[at]:R}) " +
                $"exceeds {tolerance:E1}");
    }

    /// <summary>Float version, compared in double.</summary>
    public static void Equal(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance,
        string what = "values") =>
        Equal(ToDouble(expected), ToDouble(actual), tolerance, what);

    /// <summary>Scalar version.</summary>
    public static void Equal(double expected, double actual, double tolerance, string what = "value") =>
        Equal([expected], [actual], tolerance, what);

    /// <summary>Asserts every row of a gradient check is within its tolerance; the failure lists the rows.</summary>
    public static void Passes(GradientCheckReport report)
    {
        Assert.NotEmpty(report.Results);
        Assert.True(report.Passed, "gradient check failed:\n" + string.Join("\n", report.Results.Select(Describe)));
    }

    /// <summary>Asserts one gradient-check row is within <paramref name="tolerance"/>.</summary>
    public static void Passes(GradientCheckResult result, double tolerance)
    {
        Assert.True(result.EntriesChecked > 0, $"{result.Name}: nothing checked");
        Assert.True(result.Passes(tolerance), "gradient check failed: " + Describe(result));
    }

    private static string Describe(GradientCheckResult r) =>
        $"{r.Name}: {r.EntriesChecked} entries, worst relative error {r.WorstRelativeError:E2} at {r.WorstPosition} " +
            $"(analytic {r.Analytic:R}, numeric {r.Numeric:R})";

    private static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }
}
