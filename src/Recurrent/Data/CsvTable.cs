using System.Globalization;

namespace Recurrent.Data;

/// <summary>One data row of a <see cref="CsvTable"/>: its fields, each with the 1-based character column it starts
/// at.</summary>
internal sealed record CsvRow(int Line, string[] Fields, int[] Columns);

/// <summary>
/// A CSV file read line by line: a required header, then rows with as many fields. Fields are trimmed; a field in
/// double quotes may hold the delimiter and "" for a quote, but not a line break. Blank lines are skipped.
/// </summary>
internal sealed class CsvTable
{
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private int _line;

    private CsvTable(TextReader reader, string source, char delimiter)
    {
        _reader = reader;
        Source = source;
        _delimiter = delimiter;
        string? header;
        do
        {
            header = reader.ReadLine();
            _line++;
        } while (header is not null && header.Trim().Length == 0);
        if (header is null) throw DataFileError.At(source, 1, 1,
            "expected a header line naming the columns, got an empty file");
        var row = Split(header, _line);
        Header = row.Fields;
        HeaderLine = _line;
        for (int i = 0; i < Header.Length; i++)
            for (int j = 0; j < i; j++)
                if (Header[i] == Header[j])
                    throw DataFileError.At(source, _line, row.Columns[i],
                        $"column name '{Header[i]}' appears twice (fields {j + 1} and {i + 1})");
    }

    /// <summary>Reads the header of <paramref name="reader"/>.</summary>
    public static CsvTable Open(TextReader reader, string source, char delimiter) =>
        new(BoundedLineReader.Wrap(reader, source), source, delimiter);

    /// <summary>The file name (or a description) used in messages.</summary>
    public string Source { get; }

    /// <summary>The column names.</summary>
    public string[] Header { get; }

    /// <summary>The line of the header.</summary>
    public int HeaderLine { get; }

    /// <summary>The index of column <paramref name="name"/>, whose role is named in the error when it is
    /// missing.</summary>
    public int IndexOf(string name, string role)
    {
        int index = Array.IndexOf(Header, name);
        if (index < 0)
            throw DataFileError.At(Source, HeaderLine, 1,
                $"expected a column '{name}' ({role}) in the header, got [{string.Join(", ", Header)}]");
        return index;
    }

    /// <summary>The data rows, each checked to have as many fields as the header.</summary>
    public IEnumerable<CsvRow> Rows()
    {
        while (_reader.ReadLine() is { } text)
        {
            _line++;
            if (text.Trim().Length == 0) continue;
            var row = Split(text, _line);
            if (row.Fields.Length != Header.Length)
                throw DataFileError.At(Source, _line, 1,
                    $"expected {Header.Length} fields like the header, got {row.Fields.Length}");
            yield return row;
        }
    }

    /// <summary>Field <paramref name="index"/> of <paramref name="row"/> as a finite number.</summary>
    public float Number(CsvRow row, int index, string? label = null)
    {
        string text = row.Fields[index];
        if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture,
            out float value) && float.IsFinite(value))
            return value;
        throw DataFileError.At(Source, row.Line, row.Columns[index],
            $"column '{label ?? Header[index]}': expected a finite number, got " +
                $"{(text.Length == 0 ? "an empty field" : DataFileError.Quote(text))}");
    }

    private CsvRow Split(string line, int lineNumber)
    {
        var fields = new List<string>();
        var columns = new List<int>();
        int i = 0;
        while (true)
        {
            while (i < line.Length && line[i] == ' ') i++;
            columns.Add(i + 1);
            if (i < line.Length && line[i] == '"')
            {
                var text = new System.Text.StringBuilder();
                int open = i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw DataFileError.At(Source, lineNumber, open + 1,
                            "expected a closing quote before the end of the line");
                    if (line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"') { text.Append('"'); i += 2; }
                    else if (line[i] == '"') { i++; break; }
                    else text.Append(line[i++]);
                }
                while (i < line.Length && line[i] == ' ') i++;
                if (i < line.Length && line[i] != _delimiter)
                    throw DataFileError.At(Source, lineNumber, i + 1,
                        $"expected '{_delimiter}' or the end of the line after a quoted field, got '{line[i]}'");
                fields.Add(text.ToString());
            }
            else
            {
                int end = line.IndexOf(_delimiter, i);
                if (end < 0) end = line.Length;
                fields.Add(line[i..end].Trim());
                i = end;
            }
            if (i >= line.Length) break;
            i++; // the delimiter
            if (i == line.Length) { columns.Add(i + 1); fields.Add(""); break; }
        }
        return new CsvRow(lineNumber, fields.ToArray(), columns.ToArray());
    }
}
