namespace Recurrent.Seq2Seq;

/// <summary>What the decoder looked at while producing one output (greedy).</summary>
/// <param name="SourceTokens">The source's tokens (columns).</param>
/// <param name="OutputTokens">The output's tokens, then "&lt;/s&gt;" when it ended (rows).</param>
/// <param name="Weights">a[row][column]: each row sums to 1 over the source tokens.</param>
public sealed record Seq2SeqAttentionMap(IReadOnlyList<string> SourceTokens, IReadOnlyList<string> OutputTokens,
    IReadOnlyList<double[]> Weights);
