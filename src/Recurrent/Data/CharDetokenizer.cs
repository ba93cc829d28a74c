namespace Recurrent.Data;

/// <summary>Characters need no spacing: each index is written as its character.</summary>
internal sealed class CharDetokenizer(CharVocabulary vocabulary) : IDetokenizer
{
    public string Next(int token) => vocabulary[token];

    public string Flush() => "";
}
