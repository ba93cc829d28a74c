namespace Recurrent.Seq2Seq;

/// <summary>A source the model got wrong.</summary>
/// <param name="Source">The source.</param>
/// <param name="Output">What the model produced.</param>
/// <param name="References">Every reference of the source.</param>
public sealed record Seq2SeqError(string Source, string Output, IReadOnlyList<string> References);
