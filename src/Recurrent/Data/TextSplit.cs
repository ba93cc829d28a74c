namespace Recurrent.Data;

/// <summary>A text cut into a contiguous training part (its start) and validation part (its end); see
/// <see cref="TextCorpus.Split"/>.</summary>
/// <param name="Train">The first characters of the text.</param>
/// <param name="Validation">The last characters of the text; empty when the validation fraction is 0.</param>
public sealed record TextSplit(string Train, string Validation);
