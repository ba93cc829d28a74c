using System.Diagnostics;

namespace Recurrent.Cli;

/// <summary>
/// One status line redrawn in place at the bottom of a terminal, with other output printed above it, whole.
/// Every write first returns to column 0 and erases the line (CR, then ESC[2K), so the status line never leaves
/// characters behind under shorter text; after the text it is drawn again. Not thread-safe: call it from the one
/// thread that reports progress.
/// </summary>
/// <param name="terminal">A writer to a terminal that understands CR and ESC[2K (erase the whole line).</param>
/// <param name="width">Columns of the terminal: the status line is cut to one less, so it never wraps (a wrapped
/// line could not be erased with one CR).</param>
/// <param name="minInterval">Status updates closer together than this are kept but not drawn (zero draws all);
/// the latest is drawn with the next text above it, or by <see cref="Finish"/>.</param>
internal sealed class LiveLine(TextWriter terminal, int width, TimeSpan minInterval)
{
    private const string EraseLine = "\r\u001b[2K";
    private readonly Stopwatch sinceDraw = Stopwatch.StartNew();
    private string status = "";
    private bool drawn;

    /// <summary>Columns of the terminal.</summary>
    public int Width => width;

    /// <summary>Replaces the status line, drawing it unless the last draw is more recent than the interval.</summary>
    public void Update(string text)
    {
        status = Fit(text);
        if (drawn && sinceDraw.Elapsed < minInterval) return;
        terminal.Write(EraseLine + status);
        terminal.Flush();
        MarkDrawn();
    }

    /// <summary>Prints <paramref name="text"/> (any number of lines) above the status line, then redraws it.</summary>
    public void WriteAbove(string text)
    {
        if (drawn) terminal.Write(EraseLine);
        // A lone CR inside the text would return to column 0 and overwrite its own line: make every break a newline.
        terminal.Write(text.Replace("\r\n", "\n").Replace('\r', '\n'));
        terminal.Write('\n');
        terminal.Write(status);
        terminal.Flush();
        MarkDrawn();
    }

    /// <summary>Draws the latest status and ends its line, so that later output starts below it.</summary>
    public void Finish()
    {
        terminal.Write(EraseLine + status + "\n");
        terminal.Flush();
        drawn = false;
    }

    private void MarkDrawn()
    {
        drawn = true;
        sinceDraw.Restart();
    }

    private string Fit(string text)
    {
        int end = text.IndexOfAny(['\r', '\n']);
        if (end >= 0) text = text[..end];
        return text.Length < width ? text : text[..Math.Max(0, width - 1)];
    }
}
