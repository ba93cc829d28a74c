namespace Recurrent.Tests.Optimizers;

/// <summary>Float comparisons that never use ==, and on failure report the largest difference and where it
/// is.</summary>
internal static class NumericAssert
{
    /// <summary>
    /// Passes when |actual[i] − expected[i]| ≤ relative·max(|expected[i]|, scaleFloor) for every i; otherwise fails
    /// naming the worst index, both values, the difference and the bound.
    /// </summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double relative,
        double scaleFloor, string what)
    {
        Assert.True(expected.Length == actual.Length,
            $"{what}: expected {expected.Length} values, got {actual.Length}");
        int worst = -1;
        double worstExcess = double.NegativeInfinity, worstDifference = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs(actual[i] - expected[i]);
            double bound = relative * Math.Max(Math.Abs(expected[i]), scaleFloor);
            double excess = double.IsNaN(difference) ? double.PositiveInfinity : difference / bound;
            if (excess > worstExcess) (worst, worstExcess, worstDifference) = (i, excess, difference);
        }
        if (worst >= 0 && worstExcess > 1)
            Assert.Fail($"{what}: largest difference {worstDifference:G6} at index {worst} (expected " +
                $"{expected[worst]:R}, got {actual[worst]:R}), allowed {relative:G3}·max(|expected|, {scaleFloor:G3})");
    }

    /// <summary>The largest |actual − expected| and its index.</summary>
    public static (double Difference, int Index) LargestDifference(ReadOnlySpan<double> expected,
        ReadOnlySpan<double> actual)
    {
        double largest = 0;
        int index = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(actual[i] - expected[i]);
            if (double.IsNaN(d) || d > largest) (largest, index) = (double.IsNaN(d) ? double.PositiveInfinity : d, i);
        }
        return (largest, index);
    }

    /// <summary>Scalar form: |actual − expected| ≤ tolerance, with both values in the message.</summary>
    public static void Near(double expected, double actual, double tolerance, string what)
    {
        double difference = Math.Abs(actual - expected);
        Assert.True(difference <= tolerance,
            $"{what}: expected {expected:R}, got {actual:R}, difference {difference:G6} > tolerance {tolerance:G3}");
    }
}
