namespace Recurrent.Forecasting;

/// <summary>
/// One time series: its values in time order, with the name it has in a file of several series ("" for a file of
/// one), when the file has a date column, the date of each value as written there, and the values of any covariate
/// columns at the same steps. Arrays are kept by reference.
/// </summary>
public sealed class TimeSeries
{
    /// <summary>A series of <paramref name="values"/> (finite, at least one); dates, when given, one per value;
    /// covariates, when given, C arrays of one finite value per value.</summary>
    /// <exception cref="ArgumentException">No values, a value that is not finite, or dates or covariates of another
    /// count.</exception>
    public TimeSeries(string name, double[] values, string[]? dates = null, double[][]? covariates = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) throw new ArgumentException($"series '{name}': expected at least one value, got none");
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"series '{name}': value {i} is {values[i]}, expected a finite number");
        if (dates is not null && dates.Length != values.Length)
            throw new ArgumentException(
                $"series '{name}': expected one date per value ({values.Length}), got {dates.Length}");
        for (int c = 0; c < (covariates?.Length ?? 0); c++)
        {
            if (covariates![c].Length != values.Length)
                throw new ArgumentException($"series '{name}': expected covariate {c} to have one value per value " +
                    $"({values.Length}), got {covariates[c].Length}");
            int bad = Array.FindIndex(covariates[c], v => !double.IsFinite(v));
            if (bad >= 0)
                throw new ArgumentException($"series '{name}': covariate {c} at {bad} is {covariates[c][bad]}, " +
                    "expected a finite number");
        }
        Name = name;
        Values = values;
        Dates = dates;
        Covariates = covariates ?? [];
    }

    /// <summary>The series' name in its file ("" when the file holds one series).</summary>
    public string Name { get; }

    /// <summary>y_1 … y_n, in time order.</summary>
    public double[] Values { get; }

    /// <summary>The date of each value as written in the file, or null without a date column.</summary>
    public string[]? Dates { get; }

    /// <summary>x^{(c)}_1 … x^{(c)}_n of each covariate c (none when the file names no covariate column).</summary>
    public double[][] Covariates { get; }

    /// <summary>n, the number of values.</summary>
    public int Length => Values.Length;

    /// <summary>The first <paramref name="count"/> values (and dates): the series as it was known at that
    /// time.</summary>
    public TimeSeries Take(int count)
    {
        if (count < 1 || count > Length)
            throw new ArgumentOutOfRangeException(nameof(count), $"expected 1 … {Length} values, got {count}");
        return new TimeSeries(Name, Values[..count], Dates?[..count], [.. Covariates.Select(c => c[..count])]);
    }

    /// <summary>
    /// The dates of the <paramref name="count"/> values after the series, continuing the step between its last two
    /// dates, when the dates are whole numbers (years, say) or ISO days (yyyy-MM-dd); null otherwise (no dates, one
    /// value, another form), since a guessed calendar would mislabel forecasts.
    /// </summary>
    public string[]? FutureDates(int count)
    {
        if (Dates is null || Dates.Length < 2 || count < 1) return null;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (long.TryParse(Dates[^1], inv, out long last) && long.TryParse(Dates[^2], inv, out long before))
            return [.. Enumerable.Range(1, count).Select(k => (last + k * (last - before)).ToString(inv))];
        if (DateOnly.TryParseExact(Dates[^1], "yyyy-MM-dd", inv, System.Globalization.DateTimeStyles.None,
                out var day)
            && DateOnly.TryParseExact(Dates[^2], "yyyy-MM-dd", inv, System.Globalization.DateTimeStyles.None,
                out var previous))
        {
            int step = day.DayNumber - previous.DayNumber;
            return [.. Enumerable.Range(1, count).Select(k => day.AddDays(k * step).ToString("yyyy-MM-dd", inv))];
        }
        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"TimeSeries('{Name}', {Length} values)";
}
