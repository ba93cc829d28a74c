using System.CommandLine;

namespace Recurrent.Cli;

/// <summary>Options that reject bad values at parse time with a message naming the option, the value and what is
/// expected.</summary>
public static class OptionFactory
{
    /// <summary>An integer option that must be ≥ 1.</summary>
    public static Option<int> PositiveInt(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            if (!TryGet(r, out int v)) return; // the parser already reported a value it could not convert
            if (v <= 0) r.AddError($"{name} must be a positive integer, got {v}");
        });
        return option;
    }

    /// <summary>A finite number that must be &gt; 0.</summary>
    public static Option<double> PositiveNumber(string name, string description, double defaultValue) =>
        Number(name, description, defaultValue, v => v > 0, "a positive number");

    /// <summary>A finite number that must be ≥ 0.</summary>
    public static Option<double> NonNegativeNumber(string name, string description, double defaultValue) =>
        Number(name, description, defaultValue, v => v >= 0, "a number ≥ 0");

    /// <summary>A number strictly between 0 and 1.</summary>
    public static Option<double> Fraction(string name, string description, double defaultValue) =>
        Number(name, description, defaultValue, v => v > 0 && v < 1, "a number strictly between 0 and 1");

    /// <summary>A string option restricted to <paramref name="allowed"/>.</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, params string[] allowed)
    {
        var option =
            new Option<string>(name) { Description = $"{description} ({string.Join(", ", allowed)})",
            DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            if (!TryGet(r, out string v)) return; // the parser already reported a value it could not convert
            if (v is null || !allowed.Contains(v, StringComparer.OrdinalIgnoreCase))
                r.AddError($"{name} must be one of {string.Join(", ", allowed)}, got '{v}'");
        });
        return option;
    }

    /// <summary>An optional integer ≥ 1 whose default depends on other options (null when not given).</summary>
    public static Option<int?> OptionalPositiveInt(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description };
        option.Validators.Add(r =>
        {
            if (!TryGet(r, out int? v)) return; // the parser already reported a value it could not convert
            if (v is <= 0) r.AddError($"{name} must be a positive integer, got {v}");
        });
        return option;
    }

    /// <summary>An optional positive finite number whose default depends on other options (null when not
    /// given).</summary>
    public static Option<double?> OptionalPositiveNumber(string name, string description)
    {
        var option = new Option<double?>(name) { Description = description };
        option.Validators.Add(r =>
        {
            if (!TryGet(r, out double? v)) return; // the parser already reported a value it could not convert
            if (v is double d && !(double.IsFinite(d) && d > 0))
                r.AddError($"{name} must be a positive number, got {d}");
        });
        return option;
    }

    private static Option<double> Number(string name, string description, double defaultValue, Func<double, bool> ok,
        string expected)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            if (!TryGet(r, out double v)) return; // the parser already reported a value it could not convert
            if (!double.IsFinite(v) || !ok(v)) r.AddError($"{name} must be {expected}, got {v}");
        });
        return option;
    }

    private static bool TryGet<TValue>(System.CommandLine.Parsing.OptionResult result, out TValue value)
    {
        try
        {
            value = result.GetValueOrDefault<TValue>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
