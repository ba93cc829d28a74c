using System.Text;

namespace Recurrent.Data;

/// <summary>
/// A <see cref="TextReader"/> whose <see cref="ReadLine"/> refuses a line longer than
/// <see cref="MaxLineLength"/> characters with an <see cref="InvalidDataException"/> at that line, instead of
/// building it: <see cref="TextReader.ReadLine"/> on a gigabyte without a line break (a binary file, a broken
/// export) grows a string until the process runs out of memory. Line breaks are those of ReadLine: \n, \r\n, \r.
/// </summary>
internal sealed class BoundedLineReader(TextReader inner, string source) : TextReader
{
    /// <summary>Longest line accepted, in UTF-16 units: far beyond any real row or sequence (a sequence that
    /// long would not train), far below what a string can hold.</summary>
    public const int MaxLineLength = 16 << 20;

    private readonly StringBuilder _line = new();
    private int _number;

    /// <summary>Wraps <paramref name="reader"/> unless it already is one.</summary>
    public static TextReader Wrap(TextReader reader, string source) =>
        reader as BoundedLineReader ?? new BoundedLineReader(reader, source);

    public override string? ReadLine()
    {
        _line.Clear();
        _number++;
        int c = inner.Read();
        if (c < 0) return null;
        while (c >= 0 && c != '\n' && c != '\r')
        {
            if (_line.Length == MaxLineLength)
                throw DataFileError.At(source, _number, 1,
                    $"expected a line of at most {MaxLineLength:N0} characters, got a longer one (not a text file?)");
            _line.Append((char)c);
            c = inner.Read();
        }
        if (c == '\r' && inner.Peek() == '\n') inner.Read();
        return _line.ToString();
    }

    public override int Read() => inner.Read();

    public override int Peek() => inner.Peek();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
