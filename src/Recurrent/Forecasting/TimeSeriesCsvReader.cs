using System.Globalization;
using Recurrent.Data;

namespace Recurrent.Forecasting;

/// <summary>
/// Reads time series from a CSV file (<see cref="TimeSeriesCsvOptions"/>): one row per step, series in the order they
/// first appear. A missing value (an empty field, NA, NaN, null) is an error, never silently filled: forecasts and
/// their scores would otherwise depend on a guess nobody made. Errors say the file, line and column, what was
/// expected and what came.
/// </summary>
public static class TimeSeriesCsvReader
{
    private static readonly string[] MissingMarks = ["", "na", "n/a", "nan", "null", "none", "?"];

    /// <summary>Reads <paramref name="path"/> (UTF-8).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">A missing column, a missing or non-numeric value, no data
    /// rows.</exception>
    public static IReadOnlyList<TimeSeries> Read(string path, TimeSeriesCsvOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"CSV file '{path}' not found", path);
        using var reader = new StreamReader(path);
        return Read(reader, options, path);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="source"/> names it in
    /// messages.</summary>
    public static IReadOnlyList<TimeSeries> Read(TextReader reader, TimeSeriesCsvOptions options,
        string source = "<csv>")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.ValueColumn))
            throw new ArgumentException("ValueColumn: expected the name of the column to forecast, got none");
        var table = CsvTable.Open(reader, source, options.Delimiter);
        int value = table.IndexOf(options.ValueColumn, "the values");
        int date = options.DateColumn is null ? -1 : table.IndexOf(options.DateColumn, "the dates");
        int series = options.SeriesColumn is null ? -1 : table.IndexOf(options.SeriesColumn, "the series names");
        int[] covariates = [.. (options.CovariateColumns ?? []).Select(c => table.IndexOf(c, "a covariate"))];
        var order = new List<string>();
        var values = new Dictionary<string, (List<double> Values, List<string> Dates, List<double>[] Covariates)>();
        foreach (var row in table.Rows())
        {
            string name = series < 0 ? "" : row.Fields[series];
            if (series >= 0 && name.Length == 0)
                throw DataFileError.At(source, row.Line, row.Columns[series],
                    $"column '{table.Header[series]}': expected a series name, got an empty field");
            if (!values.TryGetValue(name, out var lists))
            {
                values[name] = lists = ([], [], [.. covariates.Select(_ => new List<double>())]);
                order.Add(name);
            }
            lists.Values.Add(Number(table, row, value));
            if (date >= 0) lists.Dates.Add(row.Fields[date]);
            for (int c = 0; c < covariates.Length; c++) lists.Covariates[c].Add(Number(table, row, covariates[c]));
        }
        if (order.Count == 0)
            throw DataFileError.At(source, table.HeaderLine + 1, 1,
                "expected at least one data row after the header, got none");
        return order.Select(name => new TimeSeries(name, values[name].Values.ToArray(),
            date < 0 ? null : values[name].Dates.ToArray(), [.. values[name].Covariates.Select(c => c.ToArray())]))
            .ToList();
    }

    private static double Number(CsvTable table, CsvRow row, int column)
    {
        string text = row.Fields[column];
        if (MissingMarks.Contains(text.ToLowerInvariant()))
            throw DataFileError.At(table.Source, row.Line, row.Columns[column],
                $"column '{table.Header[column]}': missing value " +
                $"({(text.Length == 0 ? "an empty field" : DataFileError.Quote(text))}); fill or remove the row " +
                "first, since a forecaster cannot guess it honestly");
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
            && double.IsFinite(number))
            return number;
        throw DataFileError.At(table.Source, row.Line, row.Columns[column],
            $"column '{table.Header[column]}': expected a finite number, got {DataFileError.Quote(text)}");
    }
}
