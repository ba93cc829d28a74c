using System.Text;

namespace Recurrent.Data;

/// <summary>
/// Reads a text file with one sequence per line: the characters (Unicode scalar values) become token ids through a
/// <see cref="CharVocabulary"/>, built from the file itself (training data) or given (other splits), with an
/// optional label before a separator. Blank lines are skipped. Errors say the file, line and column.
/// </summary>
public static class TextSequenceReader
{
    /// <summary>Reads <paramref name="path"/> (UTF-8).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">A line without a label or text, an unknown character or
    /// label.</exception>
    public static SequenceDataset Read(string path, TextSequenceOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"text file '{path}' not found", path);
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, options, path);
    }

    /// <summary>Reads lines from <paramref name="reader"/>; <paramref name="source"/> names it in messages.</summary>
    public static SequenceDataset Read(TextReader reader, TextSequenceOptions options, string source = "<text>")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        reader = BoundedLineReader.Wrap(reader, source);
        var lines = new List<(string Label, string Text, int Line, int TextColumn)>();
        int number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Trim().Length == 0) continue;
            string label = "", text = line;
            int column = 1;
            if (options.HasLabels)
            {
                int at = line.IndexOf(options.LabelSeparator);
                if (at < 0)
                    throw DataFileError.At(source, number, 1,
                        $"expected a label and {Describe(options.LabelSeparator)} before the text, got " +
                            $"{DataFileError.Quote(line)}");
                label = line[..at].Trim();
                text = line[(at + 1)..];
                column = at + 2;
                if (label.Length == 0) throw DataFileError.At(source, number, 1,
                    "expected a label before the separator, got an empty one");
                if (text.Length == 0)
                    throw DataFileError.At(source, number, column,
                        $"expected text after the label '{label}', got an empty line");
            }
            lines.Add((label, text, number, column));
        }
        if (lines.Count == 0) throw DataFileError.At(source, 1, 1, "expected at least one line of text, got none");
        var vocabulary = options.Vocabulary ?? CharVocabulary.FromText(string.Concat(lines.Select(l => l.Text)));
        var names = options.HasLabels ? options.ClassNames ?? ClassNaming.Sorted(lines.Select(l => l.Label)) : [];
        var index = ClassNaming.Index(names);
        var examples = lines.Select(l => SequenceExample.FromTokens(
            Encode(vocabulary, l.Text, options.UnknownSymbols, source, l.Line, l.TextColumn),
            options.HasLabels ? SequenceTarget.Class(ClassNaming.IdOf(index, l.Label, source, l.Line,
                1)) : SequenceTarget.None,
            $"line {l.Line}"));
        int tokens = vocabulary.Count + (options.UnknownSymbols == UnknownSymbolPolicy.MapToUnknown ? 1 : 0);
        return new SequenceDataset(examples.ToList(), names, vocabulary, tokens);
    }

    private static int[] Encode(CharVocabulary vocabulary, string text, UnknownSymbolPolicy policy, string source,
        int line, int column)
    {
        var ids = new List<int>(text.Length);
        for (int offset = 0; offset < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(offset), out var rune,
                out int used) != System.Buffers.OperationStatus.Done)
                throw DataFileError.At(source, line, column + offset,
                    $"expected a character, got a lone UTF-16 surrogate U+{(int)text[offset]:X4}");
            if (vocabulary.TryGetIndex(rune, out int id)) ids.Add(id);
            else if (policy == UnknownSymbolPolicy.MapToUnknown) ids.Add(vocabulary.Count);
            else if (policy == UnknownSymbolPolicy.Error)
                throw DataFileError.At(source, line, column + offset,
                    $"expected a character of the vocabulary ({vocabulary.Count} characters), got " +
                        $"{CharVocabulary.Describe(rune)}");
            offset += used;
        }
        if (ids.Count == 0)
            throw DataFileError.At(source, line, column,
                "expected at least one known character, got none after skipping unknown ones");
        return ids.ToArray();
    }

    private static string Describe(char c) => c == '\t' ? "a tab" : $"'{c}'";
}
