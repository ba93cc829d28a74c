using System.Globalization;

namespace Recurrent.Optimizers;

/// <summary>
/// Argument checks shared by optimizers, schedules and clipping. Every message names the option, the value
/// that came and what was expected, e.g. "learning rate must be a positive finite number, got -0.1".
/// </summary>
internal static class OptionCheck
{
    /// <summary>Value in (0, ∞).</summary>
    public static double Positive(double value, string what, string paramName)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw Fail(paramName, $"{what} must be a positive finite number, got {Text(value)}");
        return value;
    }

    /// <summary>Value in [0, ∞).</summary>
    public static double NonNegative(double value, string what, string paramName)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw Fail(paramName, $"{what} must be a finite number ≥ 0, got {Text(value)}");
        return value;
    }

    /// <summary>Value in [0, 1): an exponential-average coefficient such as β₁, β₂ or α.</summary>
    public static double UnitInterval(double value, string what, string paramName)
    {
        if (!(value >= 0 && value < 1)) throw Fail(paramName, $"{what} must be in [0, 1), got {Text(value)}");
        return value;
    }

    /// <summary>Value in (0, 1]: a multiplicative decay factor γ.</summary>
    public static double DecayFactor(double value, string what, string paramName)
    {
        if (!(value > 0 && value <= 1)) throw Fail(paramName, $"{what} must be in (0, 1], got {Text(value)}");
        return value;
    }

    /// <summary>Integer in [1, ∞).</summary>
    public static int Positive(int value, string what, string paramName)
    {
        if (value <= 0) throw Fail(paramName, $"{what} must be a positive integer, got {value}");
        return value;
    }

    /// <summary>Integer in [0, ∞).</summary>
    public static int NonNegative(int value, string what, string paramName)
    {
        if (value < 0) throw Fail(paramName, $"{what} must be an integer ≥ 0, got {value}");
        return value;
    }

    /// <summary>Round-trip text of a double in the invariant culture ("-0.1", "NaN", "∞").</summary>
    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static ArgumentOutOfRangeException Fail(string paramName, string message) => new(paramName, message);
}
