using System.Globalization;

namespace Recurrent.Forecasting;

/// <summary>
/// The features per step that a <see cref="Forecaster"/>'s encoder reads, row t of an (n, F) matrix:
/// <code>
/// [ z_t,  (x^{(1)}_t − μ_1)/σ_1 … (x^{(C)}_t − μ_C)/σ_C,
///   sin 2πd_t/7, cos 2πd_t/7, sin 2πa_t/365.25, cos 2πa_t/365.25 ]
/// </code>
/// z_t the scaled value, x^{(c)} the covariates standardised by their own per-series scales, and (with the calendar)
/// d_t the day of the week (Monday 0) and a_t the day of the year (0 for 1 January) of step t's ISO date. Every
/// feature is of step t itself: a covariate is read as a past value, never one from the forecast window, so a forecast
/// needs nothing the file does not hold yet. The calendar of the forecast steps follows from the last step's.
/// </summary>
public static class ForecastInputs
{
    /// <summary>The calendar's features per step.</summary>
    public const int CalendarFeatures = 4;

    /// <summary>Rows <paramref name="start"/> … start + count − 1 of the features of <paramref name="series"/>, whose
    /// scaled values are <paramref name="scaled"/> (the same rows), row-major (count, F).</summary>
    /// <exception cref="ArgumentException">A calendar without ISO dates; the message names the step.</exception>
    public static float[] Rows(TimeSeries series, ReadOnlySpan<float> scaled, IReadOnlyList<SeriesScale> covariates,
        bool calendar, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(covariates);
        if (covariates.Count != series.Covariates.Length)
            throw new ArgumentException($"series{Named(series)} has {series.Covariates.Length} covariates, the " +
                $"forecaster reads {covariates.Count}");
        if (calendar && series.Dates is null)
            throw new ArgumentException($"series{Named(series)} has no dates, but the forecaster reads the calendar " +
                "of each step (give the date column)");
        int c = covariates.Count, f = 1 + c + (calendar ? CalendarFeatures : 0);
        var rows = new float[count * f];
        for (int i = 0; i < count; i++)
        {
            int t = start + i, at = i * f;
            rows[at] = scaled[i];
            for (int k = 0; k < c; k++)
                rows[at + 1 + k] = (float)((series.Covariates[k][t] - covariates[k].Mean) / covariates[k].Std);
            if (!calendar) continue;
            var day = Day(series, t);
            double week = 2 * Math.PI * (((int)day.DayOfWeek + 6) % 7) / 7, year = 2 * Math.PI * (day.DayOfYear - 1)
                / 365.25;
            rows[at + 1 + c] = (float)Math.Sin(week);
            rows[at + 2 + c] = (float)Math.Cos(week);
            rows[at + 3 + c] = (float)Math.Sin(year);
            rows[at + 4 + c] = (float)Math.Cos(year);
        }
        return rows;
    }

    private static DateOnly Day(TimeSeries series, int t) =>
        DateOnly.TryParseExact(series.Dates![t], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
            out var day) ? day : throw new ArgumentException($"series{Named(series)}: the calendar features need " +
            $"ISO dates (yyyy-MM-dd), got '{series.Dates[t]}' at step {t + 1}");

    private static string Named(TimeSeries s) => s.Name.Length == 0 ? "" : $" '{s.Name}'";
}
