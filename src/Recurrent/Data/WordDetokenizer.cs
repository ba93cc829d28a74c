using System.Text;

namespace Recurrent.Data;

/// <summary>
/// Joins word tokens back into readable text (the inverse of <see cref="WordTokenizer"/> up to spacing, which the
/// tokens do not keep): tokens are separated by one space, except
/// <list type="bullet">
/// <item><see cref="WordVocabulary.EndOfLine"/> becomes a line break, and a line starts without a space;</item>
/// <item>no space before . , ; : ! ? ) ] } % nor after ( [ { $;</item>
/// <item>an apostrophe right after a word joins it, and so does the word after it when it ends a contraction (s, t,
/// d, m, ll, re, ve): "nation's", "don't";</item>
/// <item>one hyphen between two words joins both ("self-government"); a dash of two or more hyphens stands between
/// spaces ("debt -- paid"). A hyphen after a word is held back until the next token shows which it is
/// (<see cref="Flush"/> writes one still held at the end);</item>
/// <item>double quotes alternate: an opening one takes a space before it and none after, a closing one the
/// reverse.</item>
/// </list>
/// </summary>
public sealed class WordDetokenizer : IDetokenizer
{
    private static readonly HashSet<string> Closing = [".", ",", ";", ":", "!", "?", ")", "]", "}", "%"];
    private static readonly HashSet<string> Opening = ["(", "[", "{", "$"];
    private static readonly HashSet<string> Contractions = ["s", "t", "d", "m", "ll", "re", "ve"];
    private readonly WordVocabulary _vocabulary;
    private string? _previous;     // null at the start of a line
    private bool _glueNext, _quoteOpen, _afterApostrophe;
    private int _heldHyphens;      // hyphens after a word not yet written

    /// <summary>A writer for tokens of <paramref name="vocabulary"/>.</summary>
    public WordDetokenizer(WordVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _vocabulary = vocabulary;
    }

    /// <inheritdoc/>
    public string Next(int token)
    {
        string text = _vocabulary[token];
        if (_heldHyphens > 0)
        {
            if (text == "-")
            {
                _heldHyphens++;
                return "";
            }
            string held = Flush();
            if (held == "-" && IsWord(text))
            {
                _previous = text;
                return held + text; // a hyphenated word
            }
            return held + Next(token);
        }
        if (token == WordVocabulary.EndOfLineIndex)
        {
            (_previous, _glueNext, _quoteOpen, _afterApostrophe) = (null, false, false, false);
            return "\n";
        }
        bool space = _previous is not null && !_glueNext && !Closing.Contains(text);
        bool glueAfter = false, apostrophe = false;
        bool previousIsWord = _previous is not null && IsWord(_previous);
        if (text == "\"")
        {
            if (_quoteOpen) space = false;
            else glueAfter = true;
            _quoteOpen = !_quoteOpen;
        }
        else if (text == "-" && previousIsWord && !_glueNext)
        {
            _heldHyphens = 1;
            return "";
        }
        else if (text == "'" && previousIsWord)
        {
            space = false;
            apostrophe = true;
        }
        else if (_afterApostrophe && IsWord(text) && Contractions.Contains(text.ToLowerInvariant()))
        {
            space = false;
        }
        if (Opening.Contains(text)) glueAfter = true;
        _previous = text;
        _glueNext = glueAfter;
        _afterApostrophe = apostrophe;
        return space ? " " + text : text;
    }

    /// <summary>The hyphens still held back after a word: "-" for one, " --" (and a space after) for a dash, or
    /// nothing.</summary>
    public string Flush()
    {
        int held = _heldHyphens;
        _heldHyphens = 0;
        if (held == 0) return "";
        _previous = "-";
        _afterApostrophe = false;
        _glueNext = false;
        return held == 1 ? "-" : " " + new string('-', held);
    }

    private static bool IsWord(string token) =>
        token != WordVocabulary.Unknown && Rune.TryGetRuneAt(token, 0, out var first) && WordTokenizer.IsWordPart(first,
            false);
}
