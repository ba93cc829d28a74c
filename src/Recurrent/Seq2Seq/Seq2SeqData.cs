using System.IO.Compression;
using Recurrent.Data;

namespace Recurrent.Seq2Seq;

/// <summary>
/// Seq2seq data files: one <c>source&lt;TAB&gt;target</c> per line (UTF-8, optionally gzip-compressed when the name
/// ends in .gz); blank lines are skipped; a source may appear on several lines with different targets (alternative
/// references). Errors name the file, line and column.
/// </summary>
public static class Seq2SeqData
{
    /// <summary>Reads a file (class summary).</summary>
    /// <exception cref="InvalidDataException">A line without a tab, or with an empty side; or no line at
    /// all.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static IReadOnlyList<Seq2SeqPair> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"data file '{path}' not found", path);
        using var stream = File.OpenRead(path);
        using var reader = new StreamReader(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(stream, CompressionMode.Decompress) : stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return Parse(lines, path);
    }

    /// <summary>Parses lines (class summary); <paramref name="source"/> names them in errors.</summary>
    public static IReadOnlyList<Seq2SeqPair> Parse(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(source);
        var pairs = new List<Seq2SeqPair>();
        int number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            int tab = line.IndexOf('\t');
            if (tab < 0)
                throw DataFileError.At(source, number, 1,
                    $"expected source<TAB>target, found no tab in {DataFileError.Quote(line)}");
            string left = line[..tab].Trim(), right = line[(tab + 1)..].Trim();
            if (left.Length == 0) throw DataFileError.At(source, number, 1, "the source (before the tab) is empty");
            if (right.Length == 0)
                throw DataFileError.At(source, number, tab + 2, "the target (after the tab) is empty");
            pairs.Add(new Seq2SeqPair(left, right));
        }
        if (pairs.Count == 0) throw new InvalidDataException($"{source}: no source<TAB>target lines");
        return pairs;
    }

    /// <summary>
    /// Splits by source, so all of a source's references land on one side: distinct sources are shuffled with
    /// <paramref name="seed"/> and cut into train / validation / test in the given fractions (the rest is train).
    /// </summary>
    public static (IReadOnlyList<Seq2SeqPair> Train, IReadOnlyList<Seq2SeqPair> Valid, IReadOnlyList<Seq2SeqPair> Test)
        SplitBySource(IReadOnlyList<Seq2SeqPair> pairs, double validFraction, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (!(validFraction >= 0 && testFraction >= 0 && validFraction + testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validFraction),
                $"fractions must be ≥ 0 with a sum below 1, got {validFraction} and {testFraction}");
        var sources = pairs.Select(p => p.Source).Distinct(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(sources);
        int valid = (int)Math.Round(sources.Length * validFraction),
            test = (int)Math.Round(sources.Length * testFraction);
        var side = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < sources.Length; i++) side[sources[i]] = i < valid ? 1 : i < valid + test ? 2 : 0;
        var parts = new List<Seq2SeqPair>[] { [], [], [] };
        foreach (var pair in pairs) parts[side[pair.Source]].Add(pair);
        return (parts[0], parts[1], parts[2]);
    }
}
