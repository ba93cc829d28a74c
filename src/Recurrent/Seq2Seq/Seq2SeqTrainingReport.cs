namespace Recurrent.Seq2Seq;

/// <summary>The outcome of <see cref="Seq2SeqTrainer.Train"/>.</summary>
/// <param name="Epochs">Epochs begun.</param>
/// <param name="Steps">Steps taken.</param>
/// <param name="Elapsed">Training time.</param>
/// <param name="FinalLoss">Mean training loss of the last epoch.</param>
/// <param name="BestValidation">The best validation scores seen, or null without validation data.</param>
public sealed record Seq2SeqTrainingReport(int Epochs, int Steps, TimeSpan Elapsed, double FinalLoss,
    Seq2SeqEvaluation? BestValidation);
