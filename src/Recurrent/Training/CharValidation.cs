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
        return StreamValidation.Loss(model.Network, indices, batchSize, sequenceLength);
    }
}
