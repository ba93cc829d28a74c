namespace Recurrent.Seq2Seq;

/// <summary>How a side of a seq2seq line is cut into tokens.</summary>
public enum TokenUnit
{
    /// <summary>Every character (Unicode scalar) is a token; outputs are joined without separators.</summary>
    Chars,

    /// <summary>Tokens are separated by spaces; outputs are joined with one space.</summary>
    Words,
}
