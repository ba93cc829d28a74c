namespace Recurrent.Data;

/// <summary>Turns a stream of token indices back into text, one token at a time (it may keep state, e.g. whether a
/// quotation is open).</summary>
public interface IDetokenizer
{
    /// <summary>The text to append for the next token: the token, with the spacing it needs before it.</summary>
    string Next(int token);

    /// <summary>Text still held back at the end of the stream (e.g. a word tokenizer's trailing hyphen); "" when
    /// none.</summary>
    string Flush();
}
