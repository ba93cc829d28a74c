namespace Recurrent.Seq2Seq;

/// <summary>How <see cref="Seq2SeqTrainer"/> trains.</summary>
/// <param name="Epochs">Passes over the training data; default 10.</param>
/// <param name="Minutes">Wall-clock budget; training stops after the step that passes it (then validates). Null
/// (default): no budget.</param>
/// <param name="BatchSize">Pairs per step; default 64.</param>
/// <param name="LearningRate">Adam's step size; default 2e-3.</param>
/// <param name="ClipNorm">Global gradient-norm clip; default 5; 0 turns it off.</param>
/// <param name="LabelSmoothing">ε of the cross-entropy; default 0.</param>
/// <param name="TeacherForcing">The share of decoder inputs that are the reference's previous token; default 1. Below
/// 1, the rest are the model's own prediction from a teacher-forced pass of the same batch (parallel scheduled
/// sampling, one pass).</param>
/// <param name="Seed">Seed of the batch order and of scheduled sampling; default 1.</param>
/// <param name="ValidationSources">The most distinct validation sources decoded (greedy) at each epoch's end; default
/// 2000.</param>
/// <param name="ReportEvery">Steps between progress reports; default 100.</param>
public sealed record Seq2SeqTrainingOptions(
    int Epochs = 10,
    double? Minutes = null,
    int BatchSize = 64,
    double LearningRate = 2e-3,
    double ClipNorm = 5,
    double LabelSmoothing = 0,
    double TeacherForcing = 1,
    int Seed = 1,
    int ValidationSources = 2000,
    int ReportEvery = 100)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"epochs must be ≥ 1, got {Epochs}");
        if (Minutes is not null && !(Minutes > 0)) throw new ArgumentException($"minutes must be > 0, got {Minutes}");
        if (BatchSize < 1) throw new ArgumentException($"batch size must be ≥ 1, got {BatchSize}");
        if (!(LearningRate > 0)) throw new ArgumentException($"learning rate must be > 0, got {LearningRate}");
        if (!(ClipNorm >= 0)) throw new ArgumentException($"clip norm must be ≥ 0, got {ClipNorm}");
        if (!(LabelSmoothing >= 0 && LabelSmoothing < 1))
            throw new ArgumentException($"label smoothing must be in [0, 1), got {LabelSmoothing}");
        if (!(TeacherForcing >= 0 && TeacherForcing <= 1))
            throw new ArgumentException($"teacher forcing must be in [0, 1], got {TeacherForcing}");
        if (ValidationSources < 1)
            throw new ArgumentException($"validation sources must be ≥ 1, got {ValidationSources}");
        if (ReportEvery < 1) throw new ArgumentException($"report interval must be ≥ 1, got {ReportEvery}");
    }
}
