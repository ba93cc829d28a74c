using System.Globalization;
using System.Text;

namespace Recurrent.Data;

/// <summary>
/// Splits text into word-level tokens, line by line, as PyTorch's word_language_model example reads a corpus
/// (<c>line.split() + ['&lt;eos&gt;']</c>), with punctuation split off the words:
/// <list type="bullet">
/// <item>a word is a maximal run of letters and digits (Unicode categories L* and Nd/Nl/No, with combining marks
/// M* kept on the word they follow);</item>
/// <item>every other character that is not white space is a token of its own (".", ",", "'", "-", "$" …);</item>
/// <item>white space only separates; every line, the last one included and an empty one too, ends with the
/// end-of-line token <see cref="EndOfLine"/> ("\r\n" counts as one line break).</item>
/// </list>
/// So "It's 1790." gives It ' s 1790 . &lt;eos&gt;, and text already split by spaces ("It ' s 1790 .") gives the
/// same tokens. With lowercasing, each token is lowercased (invariant culture) after splitting.
/// </summary>
public static class WordTokenizer
{
    /// <summary>The end-of-line token.</summary>
    public const string EndOfLine = "<eos>";

    /// <summary>The tokens of <paramref name="text"/> (class summary).</summary>
    public static List<string> Tokenize(string text, bool lowercase = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>(text.Length / 4 + 1);
        ForEachToken(text, lowercase, tokens.Add);
        return tokens;
    }

    /// <summary>Calls <paramref name="onToken"/> with each token of <paramref name="text"/> in order.</summary>
    public static void ForEachToken(string text, bool lowercase, Action<string> onToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(onToken);
        var word = new StringBuilder();
        bool lineOpen = false; // a line has started that has not had its <eos> yet
        void FlushWord()
        {
            if (word.Length == 0) return;
            string w = word.ToString();
            onToken(lowercase ? w.ToLowerInvariant() : w);
            word.Clear();
        }
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == '\n')
            {
                FlushWord();
                onToken(EndOfLine);
                lineOpen = false;
                continue;
            }
            lineOpen = true;
            if (IsWordPart(rune, word.Length > 0))
            {
                word.Append(rune.ToString());
                continue;
            }
            FlushWord();
            if (Rune.IsWhiteSpace(rune)) continue;
            string mark = rune.ToString();
            onToken(lowercase ? mark.ToLowerInvariant() : mark);
        }
        FlushWord();
        if (lineOpen) onToken(EndOfLine); // a last line without its line break still ends
    }

    /// <summary>True for a letter or digit, or a combining mark that continues a word.</summary>
    public static bool IsWordPart(Rune rune, bool continuing)
    {
        if (Rune.IsLetterOrDigit(rune)) return true;
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber) return true;
        return continuing && category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark;
    }
}
