namespace Recurrent.Classification;

/// <summary>How well one class is found (a row of a <see cref="ClassificationReport"/>).</summary>
/// <param name="Class">The class name.</param>
/// <param name="Precision">Of the sequences predicted as this class, the fraction that are (0 when none
/// was).</param>
/// <param name="Recall">Of the sequences of this class, the fraction predicted as it (0 when there are
/// none).</param>
/// <param name="F1">2PR / (P + R), 0 when both are 0.</param>
/// <param name="Support">Sequences of this class.</param>
public sealed record ClassMetrics(string Class, double Precision, double Recall, double F1, int Support);
