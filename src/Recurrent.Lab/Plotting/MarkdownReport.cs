using System.Text;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Lab.Plotting;

/// <summary>
/// A tiny Markdown writer for the analysis reports: a title, sections, paragraphs, images embedded by relative path
/// (<c>![alt](file.svg)</c>) with a link to the CSV of their numbers, and tables (cells escaped for '|').
/// </summary>
public sealed class MarkdownReport
{
    private readonly StringBuilder _text = new();

    /// <param name="title">The report's level-1 heading.</param>
    public MarkdownReport(string title)
    {
        ArgumentException.ThrowIfNullOrEmpty(title);
        _text.Append("# ").Append(OneLine(title)).Append("\n\n");
    }

    /// <summary>A level-2 heading.</summary>
    public MarkdownReport Section(string heading)
    {
        _text.Append("## ").Append(OneLine(heading)).Append("\n\n");
        return this;
    }

    /// <summary>A paragraph, written as given (Markdown allowed).</summary>
    public MarkdownReport Paragraph(string text)
    {
        _text.Append(text.Trim()).Append("\n\n");
        return this;
    }

    /// <summary>An embedded image, with a link to the CSV of its numbers when <paramref name="csvFile"/> is
    /// given.</summary>
    public MarkdownReport Image(string alt, string file, string? csvFile = null)
    {
        _text.Append("![").Append(OneLine(alt).Replace("]", "\\]",
            StringComparison.Ordinal)).Append("](").Append(PathText(file)).Append(")\n");
        if (csvFile is not null)
            _text.Append("\nNumbers: [").Append(csvFile.Replace("]", "\\]",
            StringComparison.Ordinal)).Append("](").Append(PathText(csvFile)).Append(")\n");
        _text.Append('\n');
        return this;
    }

    /// <summary>A table with a header row; every row must have as many cells as the header.</summary>
    public MarkdownReport Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.Count == 0) throw new ArgumentException("a table needs at least one column", nameof(header));
        _text.Append(Row(header)).Append('|').Append(string.Concat(header.Select(_ => "---|"))).Append('\n');
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
                throw new ArgumentException($"a table row needs {header.Count} cells like its header, got {row.Count}",
                    nameof(rows));
            _text.Append(Row(row));
        }
        _text.Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString().TrimEnd('\n') + "\n";

    /// <summary>Writes the report to <paramref name="path"/> atomically.</summary>
    public void Write(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(ToString()));
    }

    private static string Row(IReadOnlyList<string> cells) =>
        "| " + string.Join(" | ", cells.Select(c => OneLine(c).Replace("|", "\\|", StringComparison.Ordinal))) + " |\n";

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    // Spaces and parentheses would end or break a Markdown link target.
    private static string PathText(string file) =>
        file.Replace(" ", "%20", StringComparison.Ordinal).Replace("(", "%28", StringComparison.Ordinal).Replace(")",
            "%29", StringComparison.Ordinal);
}
