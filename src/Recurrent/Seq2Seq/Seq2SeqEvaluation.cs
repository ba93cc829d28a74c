namespace Recurrent.Seq2Seq;

/// <summary>Scores of a model's outputs against references (<see cref="Seq2SeqMetrics"/>).</summary>
/// <param name="Wer">Share of distinct sources whose output matches none of their references.</param>
/// <param name="Per">Σ_sources edit distance to the closest reference / Σ_sources that reference's length, in
/// tokens.</param>
/// <param name="Sources">Distinct sources scored.</param>
/// <param name="Errors">The sources whose output matched no reference, in data order.</param>
public sealed record Seq2SeqEvaluation(double Wer, double Per, int Sources, IReadOnlyList<Seq2SeqError> Errors);
