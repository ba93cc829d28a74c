namespace Recurrent.Data;

/// <summary>
/// Reads sequences from a CSV file with one row per step: a header, an id column (rows of one sequence share
/// it), feature columns and a target column, chosen by name in <see cref="StepCsvOptions"/>. Errors say the file,
/// line and column, what was expected and what came.
/// </summary>
public static class StepCsvReader
{
    /// <summary>Reads <paramref name="path"/> (UTF-8).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">A missing column, a bad number, a target that changes within a
    /// sequence.</exception>
    public static SequenceDataset Read(string path, StepCsvOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"CSV file '{path}' not found", path);
        using var reader = new StreamReader(path);
        return Read(reader, options, path);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="source"/> names it in
    /// messages.</summary>
    public static SequenceDataset Read(TextReader reader, StepCsvOptions options, string source = "<csv>")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        if ((options.TargetColumn is null) != (options.TargetKind == SequenceTargetKind.None))
            throw new ArgumentException(
                $"a target column needs a target kind and a kind needs a column: got column " +
                    $"{options.TargetColumn ?? "null"}, kind {options.TargetKind}");
        var table = CsvTable.Open(reader, source, options.Delimiter);
        int id = options.IdColumn is null ? -1 : table.IndexOf(options.IdColumn, "the sequence id");
        int target = options.TargetColumn is null ? -1 : table.IndexOf(options.TargetColumn, "the target");
        int[] features = options.FeatureColumns is null
            ? Enumerable.Range(0, table.Header.Length).Where(i => i != id && i != target).ToArray()
            : options.FeatureColumns.Select(c => table.IndexOf(c, "a feature")).ToArray();
        if (features.Length == 0)
            throw DataFileError.At(source, table.HeaderLine, 1,
                "expected at least one feature column besides the id and target, got none");
        var sequences = new List<Builder>();
        var byId = new Dictionary<string, Builder>(StringComparer.Ordinal);
        Builder? current = null;
        foreach (var row in table.Rows())
        {
            string key = id < 0 ? "" : row.Fields[id];
            if (current is null || current.Id != key)
            {
                if (byId.TryGetValue(key, out current))
                {
                    if (!options.AllowInterleavedIds)
                        throw DataFileError.At(source, row.Line, row.Columns[id],
                            $"expected the rows of sequence '{key}' to be consecutive (it last appeared on line " +
                                $"{current.LastLine}); "
                            + "group the rows by id or allow interleaved ids");
                }
                else
                {
                    current = new Builder(key, row.Line);
                    byId[key] = current;
                    sequences.Add(current);
                }
            }
            current.LastLine = row.Line;
            foreach (int f in features) current.Features.Add(table.Number(row, f));
            if (target >= 0) current.AddTarget(table, row, target, options.TargetKind);
        }
        if (sequences.Count == 0)
            throw DataFileError.At(source, table.HeaderLine + 1, 1,
                "expected at least one data row after the header, got none");
        return Build(sequences, features.Length, options, source);
    }

    private static SequenceDataset Build(List<Builder> sequences, int featureCount, StepCsvOptions options,
        string source)
    {
        bool classes = options.TargetKind is SequenceTargetKind.Class or SequenceTargetKind.StepClasses;
        var names = classes ? options.ClassNames ?? ClassNaming.Sorted(sequences.SelectMany(s => s.Labels.Select(l
            => l.Text))) : [];
        var index = ClassNaming.Index(names);
        int Id(Label l) => ClassNaming.IdOf(index, l.Text, source, l.Line, l.Column);
        var examples = sequences.Select(s =>
        {
            var target = options.TargetKind switch
            {
                SequenceTargetKind.Class => SequenceTarget.Class(Id(s.Labels[0])),
                SequenceTargetKind.StepClasses => SequenceTarget.StepClasses(s.Labels.Select(Id).ToArray()),
                SequenceTargetKind.Values => SequenceTarget.Vector([s.Values[0]]),
                SequenceTargetKind.StepValues => SequenceTarget.StepValues(s.Values.ToArray(), 1),
                _ => SequenceTarget.None,
            };
            return SequenceExample.FromFeatures(s.Features.ToArray(), featureCount, target,
                s.Id.Length > 0 ? s.Id : null);
        });
        return new SequenceDataset(examples.ToList(), names);
    }

    private readonly record struct Label(string Text, int Line, int Column);

    private sealed class Builder(string id, int firstLine)
    {
        public string Id { get; } = id;
        public int FirstLine { get; } = firstLine;
        public int LastLine { get; set; }
        public List<float> Features { get; } = [];
        public List<Label> Labels { get; } = [];
        public List<float> Values { get; } = [];

        public void AddTarget(CsvTable table, CsvRow row, int column, SequenceTargetKind kind)
        {
            string text = row.Fields[column];
            string name = table.Header[column];
            switch (kind)
            {
                case SequenceTargetKind.Class when Labels.Count > 0:
                    if (text != Labels[0].Text)
                        throw DataFileError.At(table.Source, row.Line, row.Columns[column],
                            $"column '{name}': expected the label of sequence '{Id}' to stay " +
                                $"{DataFileError.Quote(Labels[0].Text)} "
                            + $"(line {Labels[0].Line}), got {DataFileError.Quote(text)}");
                    break;
                case SequenceTargetKind.Values when Values.Count > 0:
                    float value = table.Number(row, column);
                    if (value != Values[0])
                        throw DataFileError.At(table.Source, row.Line, row.Columns[column],
                            $"column '{name}': expected the target of sequence '{Id}' to stay {Values[0]} (line " +
                                $"{FirstLine}), got {value}");
                    break;
                case SequenceTargetKind.Class or SequenceTargetKind.StepClasses:
                    if (text.Length == 0)
                        throw DataFileError.At(table.Source, row.Line, row.Columns[column],
                            $"column '{name}': expected a class label, got an empty field");
                    Labels.Add(new Label(text, row.Line, row.Columns[column]));
                    break;
                default:
                    Values.Add(table.Number(row, column));
                    break;
            }
        }
    }
}
