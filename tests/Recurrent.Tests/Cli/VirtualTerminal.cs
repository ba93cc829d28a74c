using System.Text;
using System.Text.RegularExpressions;

namespace Recurrent.Tests.Cli;

/// <summary>
/// What a terminal of the given width would show after receiving some output: interprets CR, LF, autowrap,
/// cursor up (ESC[nA), erase line (ESC[K, ESC[2K) and erase below (ESC[J); other escape sequences are dropped.
/// Enough to check that text written around a live line comes out whole.
/// </summary>
internal static partial class VirtualTerminal
{
    public static IReadOnlyList<string> Screen(string output, int width)
    {
        var lines = new List<StringBuilder> { new() };
        int row = 0, column = 0;
        for (int i = 0; i < output.Length; i++)
        {
            char ch = output[i];
            if (ch == '\u001b')
            {
                var m = Csi().Match(output, i);
                if (!m.Success) continue;
                int n = m.Groups[1].Value.Length > 0 && char.IsDigit(m.Groups[1].Value[0])
                    ? int.Parse(m.Groups[1].Value) : 0;
                switch (m.Groups[2].Value)
                {
                    case "A": row = Math.Max(0, row - Math.Max(1, n)); break;
                    case "K" when n == 2: lines[row].Clear(); break;
                    case "K": Truncate(lines[row], column); break;
                    case "J":
                        Truncate(lines[row], column);
                        lines.RemoveRange(row + 1, lines.Count - row - 1);
                        break;
                }
                i += m.Length - 1;
            }
            else if (ch == '\r') column = 0;
            else if (ch == '\n') { NewLine(); column = 0; } // the tty driver sends LF as CR LF (onlcr)
            else
            {
                if (column == width) { NewLine(); column = 0; }
                var line = lines[row];
                while (line.Length <= column) line.Append(' ');
                line[column++] = ch;
            }
        }
        return lines.Select(l => l.ToString().TrimEnd()).ToList();

        void NewLine()
        {
            row++;
            if (row == lines.Count) lines.Add(new StringBuilder());
        }
    }

    private static void Truncate(StringBuilder line, int column)
    {
        if (line.Length > column) line.Length = column;
    }

    [GeneratedRegex(@"\G\u001b\[([?0-9;]*)([A-Za-z])")]
    private static partial Regex Csi();
}
