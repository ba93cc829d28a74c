namespace Recurrent.Seq2Seq;

/// <summary>One line of seq2seq data: a source and one of its references (a source may have several).</summary>
/// <param name="Source">The source text.</param>
/// <param name="Target">A reference output for it.</param>
public sealed record Seq2SeqPair(string Source, string Target);
