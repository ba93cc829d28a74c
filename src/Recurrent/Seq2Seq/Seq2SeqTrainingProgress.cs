namespace Recurrent.Seq2Seq;

/// <summary>A progress report of <see cref="Seq2SeqTrainer"/>: every few steps, and at each epoch's end with the
/// validation scores.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Step">Steps so far.</param>
/// <param name="Loss">Mean training loss per target token since the last report.</param>
/// <param name="Elapsed">Time since training began.</param>
/// <param name="Validation">At an epoch's end with validation data: its scores (greedy); else null.</param>
/// <param name="EpochEnd">True at an epoch's end (also the last, cut short by the time budget).</param>
/// <param name="IsBest">At an epoch's end: the validation WER is the best so far (always true without validation
/// data).</param>
public sealed record Seq2SeqTrainingProgress(int Epoch, int Step, double Loss, TimeSpan Elapsed,
    Seq2SeqEvaluation? Validation, bool EpochEnd, bool IsBest);
