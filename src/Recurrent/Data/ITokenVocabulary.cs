namespace Recurrent.Data;

/// <summary>
/// The tokens of a language model, characters (<see cref="CharVocabulary"/>) or words
/// (<see cref="WordVocabulary"/>): index ↔ symbol, encoding a text and writing generated tokens back as text.
/// </summary>
public interface ITokenVocabulary
{
    /// <summary>V, the number of tokens: the width of the model's input and of its logits.</summary>
    int Count { get; }

    /// <summary>The symbols in index order, as stored in a checkpoint's <c>vocab</c>.</summary>
    IReadOnlyList<string> Symbols { get; }

    /// <summary>How the text is cut into these tokens.</summary>
    TextTokenization Tokenization { get; }

    /// <summary>
    /// The token indices of <paramref name="text"/>. Characters outside a character vocabulary are left out; words
    /// outside a word vocabulary become its <see cref="WordVocabulary.Unknown"/> token. Either way
    /// <paramref name="unknownCount"/> says how many there were.
    /// </summary>
    int[] Encode(string text, out int unknownCount);

    /// <summary>A fresh writer that turns generated indices, one by one, into readable text.</summary>
    IDetokenizer CreateDetokenizer();
}
