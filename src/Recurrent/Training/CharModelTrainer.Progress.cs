using Recurrent.Data;

namespace Recurrent.Training;

/// <summary>What <see cref="CharModelTrainer"/> reports after a step: where the run stands against its
/// limits.</summary>
public sealed partial class CharModelTrainer
{
    private double EpochOf(BatchCursor cursor) =>
        cursor.Epoch + (double)cursor.Position / ((double)_batcher.BatchesPerEpoch * _batcher.SequenceLength);

    private CharTrainingProgress Progress(double loss, double norm, double ratio, TimeSpan elapsed, long startStep,
        double? validation, string? sample)
    {
        long steps = _step - startStep;
        double perStep = elapsed.TotalSeconds / steps;
        double epoch = EpochOf(_batcher.Cursor);
        double remaining = double.PositiveInfinity, done = 0;
        if (_options.MaxSteps is long max) { remaining = Math.Min(remaining, (max - _step) * perStep); done =
            Math.Max(done, (double)_step / max); }
        if (_options.Epochs is int epochs)
        {
            remaining = Math.Min(remaining, Math.Max(0, epochs - epoch) * _batcher.BatchesPerEpoch * perStep);
            done = Math.Max(done, epoch / epochs);
        }
        if (_options.Minutes is double minutes)
        {
            remaining = Math.Min(remaining, minutes * 60 - elapsed.TotalSeconds);
            done = Math.Max(done, elapsed.TotalMinutes / minutes);
        }
        return new CharTrainingProgress(_step, epoch, loss, norm, ratio, _engine.Optimizer.LearningRate,
            steps * (double)_batcher.BatchElementCount / Math.Max(elapsed.TotalSeconds, 1e-9), elapsed,
            TimeSpan.FromSeconds(Math.Clamp(remaining, 0, 1e7)), Math.Clamp(done, 0, 1), validation, sample);
    }
}
