namespace Recurrent.Models;

/// <summary>A language model's score on a text (see <see cref="CharLanguageModelEvaluator"/>).</summary>
/// <param name="Loss">Mean negative log-likelihood per predicted character, in nats.</param>
/// <param name="Bpc">Bits per character, Loss / ln 2.</param>
/// <param name="Perplexity">e^Loss.</param>
/// <param name="Chars">Characters predicted: the known characters of the text less the first.</param>
/// <param name="Skipped">Characters of the text outside the vocabulary, left out before scoring (as reported by the
/// caller).</param>
public sealed record CharLanguageModelEvaluation(double Loss, double Bpc, double Perplexity, long Chars, long Skipped);
