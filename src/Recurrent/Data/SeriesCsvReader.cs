using System.Globalization;

namespace Recurrent.Data;

/// <summary>
/// Reads univariate series from a CSV file with one row per sequence: a label column and either a column holding
/// the series as delimited numbers or the remaining columns as the steps (see <see cref="SeriesCsvOptions"/>). Every
/// sequence has one feature per step. Errors say the file, line and column, what was expected and what came.
/// </summary>
public static class SeriesCsvReader
{
    /// <summary>Reads <paramref name="path"/> (UTF-8).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">A missing column, a bad number, an empty series, a gap in the
    /// steps.</exception>
    public static SequenceDataset Read(string path, SeriesCsvOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"CSV file '{path}' not found", path);
        using var reader = new StreamReader(path);
        return Read(reader, options, path);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="source"/> names it in
    /// messages.</summary>
    public static SequenceDataset Read(TextReader reader, SeriesCsvOptions options, string source = "<csv>")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        if ((options.TargetColumn is null) != (options.TargetKind == SequenceTargetKind.None)
            || options.TargetKind is SequenceTargetKind.StepClasses or SequenceTargetKind.StepValues)
            throw new ArgumentException(
                $"expected a label column with a Class or Values kind, or neither: got column " +
                    $"{options.TargetColumn ?? "null"}, kind {options.TargetKind}");
        var table = CsvTable.Open(reader, source, options.Delimiter);
        int label = options.TargetColumn is null ? -1 : table.IndexOf(options.TargetColumn, "the label");
        int series = options.SeriesColumn is null ? -1 : table.IndexOf(options.SeriesColumn, "the series");
        int[] steps = Enumerable.Range(0, table.Header.Length).Where(i => i != label).ToArray();
        if (series < 0 && steps.Length == 0)
            throw DataFileError.At(source, table.HeaderLine, 1,
                "expected at least one step column besides the label, got none");
        var rows = new List<(float[] Series, string Label, int Line, int Column)>();
        foreach (var row in table.Rows())
        {
            var values = series >= 0 ? Split(table, row, series, options.SeriesDelimiter) : Steps(table, row, steps);
            string text = label < 0 ? "" : row.Fields[label];
            if (label >= 0 && text.Length == 0)
                throw DataFileError.At(source, row.Line, row.Columns[label],
                    $"column '{table.Header[label]}': expected a label, got an empty field");
            rows.Add((values, text, row.Line, label < 0 ? 1 : row.Columns[label]));
        }
        if (rows.Count == 0)
            throw DataFileError.At(source, table.HeaderLine + 1, 1,
                "expected at least one data row after the header, got none");
        var names = options.TargetKind == SequenceTargetKind.Class ? options.ClassNames
            ?? ClassNaming.Sorted(rows.Select(r => r.Label)) : [];
        var index = ClassNaming.Index(names);
        var examples = rows.Select(r => SequenceExample.FromFeatures(r.Series, 1, options.TargetKind switch
        {
            SequenceTargetKind.Class => SequenceTarget.Class(ClassNaming.IdOf(index, r.Label, source, r.Line,
                r.Column)),
            SequenceTargetKind.Values => SequenceTarget.Vector([Number(r.Label, source, r.Line, r.Column,
                options.TargetColumn!)]),
            _ => SequenceTarget.None,
        }, $"line {r.Line}"));
        return new SequenceDataset(examples.ToList(), names);
    }

    private static float[] Split(CsvTable table, CsvRow row, int column, char delimiter)
    {
        string text = row.Fields[column];
        var values = new List<float>();
        int start = 0;
        while (start <= text.Length)
        {
            int end = text.IndexOf(delimiter, start);
            if (end < 0) end = text.Length;
            string part = text[start..end].Trim();
            if (part.Length > 0)
                values.Add(Number(part, table.Source, row.Line, row.Columns[column] + start, table.Header[column]));
            start = end + 1;
        }
        if (values.Count == 0)
            throw DataFileError.At(table.Source, row.Line, row.Columns[column],
                $"column '{table.Header[column]}': expected a series of numbers separated by '{delimiter}', got an " +
                    $"empty field");
        return values.ToArray();
    }

    private static float[] Steps(CsvTable table, CsvRow row, int[] columns)
    {
        int length = columns.Length;
        while (length > 0 && row.Fields[columns[length - 1]].Length == 0) length--;
        if (length == 0)
            throw DataFileError.At(table.Source, row.Line, 1,
                "expected at least one step value, got only empty step columns");
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            if (row.Fields[columns[i]].Length == 0)
                throw DataFileError.At(table.Source, row.Line, row.Columns[columns[i]],
                    $"column '{table.Header[columns[i]]}': expected a number (only trailing step cells may be " +
                        $"empty), got an empty field");
            values[i] = table.Number(row, columns[i]);
        }
        return values;
    }

    private static float Number(string text, string source, int line, int column, string name) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture,
            out float value) && float.IsFinite(value) ? value
            : throw DataFileError.At(source, line, column,
                $"column '{name}': expected a finite number, got {DataFileError.Quote(text)}");
}
