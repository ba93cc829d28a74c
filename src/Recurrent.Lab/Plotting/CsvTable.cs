using System.Globalization;
using System.Text;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Lab.Plotting;

/// <summary>
/// CSV beside every figure: a header and rows (RFC 4180 quoting where a field holds a comma, quote or line break);
/// numbers in invariant culture with round-trip precision ("R"), NaN as "NaN".
/// </summary>
public static class CsvTable
{
    /// <summary>Columns of equal length as a table: header, then one row per index.</summary>
    public static string FromColumns(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<double>> columns)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(columns);
        if (header.Count != columns.Count)
            throw new ArgumentException($"expected one header per column, got {header.Count} headers and " +
                $"{columns.Count} columns");
        int rows = columns.Count == 0 ? 0 : columns[0].Count;
        if (columns.Any(c => c.Count != rows))
            throw new ArgumentException($"every column needs {rows} values, got " +
                $"[{string.Join(", ", columns.Select(c => c.Count))}]");
        return FromRows(header, Enumerable.Range(0, rows).Select(r => columns.Select(c => Number(c[r])).ToArray()));
    }

    /// <summary>A header and rows of text fields.</summary>
    public static string FromRows(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', header.Select(Field)).Append('\n');
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
                throw new ArgumentException($"a CSV row needs {header.Count} fields like its header, got {row.Count}");
            text.AppendJoin(',', row.Select(Field)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// A (rows, columns) matrix with a leading label column: header "{rowHeader},{columnName(0)},…". Numbers
    /// round-trip, or keep <paramref name="significantDigits"/> digits (for large matrices of measurements whose later
    /// digits are noise).
    /// </summary>
    public static string FromMatrix(double[,] matrix, string rowHeader, Func<int, string> rowName, Func<int,
        string> columnName, int? significantDigits = null)
    {
        if (significantDigits is < 1 or > 17)
            throw new ArgumentOutOfRangeException(nameof(significantDigits),
            $"expected 1–17 significant digits, got {significantDigits}");
        string format = significantDigits is int d ? "G" + d.ToString(CultureInfo.InvariantCulture) : "R";
        ArgumentNullException.ThrowIfNull(matrix);
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        var header = new[] { rowHeader }.Concat(Enumerable.Range(0, columns).Select(columnName)).ToArray();
        return FromRows(header, Enumerable.Range(0, rows).Select(r =>
            new[] { rowName(r) }.Concat(Enumerable.Range(0, columns).Select(c =>
                matrix[r, c].ToString(format, CultureInfo.InvariantCulture))).ToArray()));
    }

    /// <summary>A number as written in the CSV files (shortest round-trip text).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="csv"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, string csv)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(csv));
    }

    /// <summary>A field, quoted (with doubled quotes) when it holds a comma, quote or line break.</summary>
    public static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value
            : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
