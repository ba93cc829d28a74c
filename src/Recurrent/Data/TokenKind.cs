namespace Recurrent.Data;

/// <summary>What a language model's tokens are (<see cref="TextTokenization"/>).</summary>
public enum TokenKind
{
    /// <summary>Unicode characters (<see cref="CharVocabulary"/>), the character model's default.</summary>
    Chars,

    /// <summary>Words and punctuation marks with an end-of-line token (<see cref="WordTokenizer"/>,
    /// <see cref="WordVocabulary"/>).</summary>
    Words,
}
