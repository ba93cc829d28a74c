using Recurrent.Layers.Recurrent;
using Recurrent.Models;

namespace Recurrent.Training;

/// <summary>
/// The validation loss the trainer tracks, computed as char-rnn does: the validation indices are cut into
/// S = min(B, ⌊N / (T + 1)⌋) (at least 1) contiguous streams of ⌊N / S⌋ characters, run in chunks of T with the state
/// carried from zeros, dropout off; the result is the mean NLL (nats) over every predicted character. With S streams
/// instead of one, S − 1 stream starts see no context, so it is a hair above <see cref="CharLanguageModelEvaluator"/>'s
/// single-stream figure on the same text (which <c>recurrent eval</c> reports), and S times faster.
/// </summary>
public static class CharValidation
{
    /// <summary>Mean NLL per predicted character of <paramref name="indices"/> (at least 2).</summary>
    public static double Loss<T>(CharLanguageModel<T> model, ReadOnlySpan<int> indices, int batchSize,
        int sequenceLength)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        int n = indices.Length;
        if (n < 2) throw new ArgumentException($"validation needs at least 2 characters, got {n}");
        int streams = Math.Max(1, Math.Min(batchSize, n / (sequenceLength + 1)));
        int streamLength = n / streams;
        var config = model.Config;
        var h = new Tensor<T>(config.NumLayers, streams, config.HiddenSize); // carried (L, S, H)
        var c = config.Model == CellKind.Lstm ? new Tensor<T>(config.NumLayers, streams, config.HiddenSize) : null;
        var inputs = new int[sequenceLength * streams];
        var targets = new int[sequenceLength * streams];
        bool training = model.Training;
        model.Training = false;
        try
        {
            double total = 0;
            long count = 0;
            for (int p = 0; p < streamLength - 1; p += sequenceLength)
            {
                int steps = Math.Min(sequenceLength, streamLength - 1 - p);
                for (int s = 0; s < streams; s++)
                    for (int t = 0; t < steps; t++)
                    {
                        inputs[t * streams + s] = indices[s * streamLength + p + t];
                        targets[t * streams + s] = indices[s * streamLength + p + t + 1];
                    }
                int elements = steps * streams;
                model.Forward(inputs.AsSpan(0, elements), steps, streams, h, c);
                total += double.CreateChecked(model.Loss(targets.AsSpan(0, elements), null, null)) * elements;
                count += elements;
                model.FinalHidden.Span.CopyTo(h.Span);
                model.FinalCell?.Span.CopyTo(c!.Span);
            }
            return total / count;
        }
        finally { model.Training = training; }
    }
}
