using Recurrent.Layers.Recurrent;
using Recurrent.Losses;
using Recurrent.Sequences;

namespace Recurrent.Training;

/// <summary>
/// The streaming validation loss of a token-input, per-step language model (<see cref="CharValidation"/> has the
/// scheme): S contiguous streams run in chunks of T with the state carried from zeros, dropout off; the mean NLL over
/// every predicted token. Shared by <see cref="CharValidation"/> and <see cref="SequenceTrainer"/>'s stream mode.
/// </summary>
internal static class StreamValidation
{
    /// <summary>Mean NLL per predicted token of <paramref name="indices"/> (at least 2).</summary>
    public static double Loss<T>(SequenceNetwork<T> network, ReadOnlySpan<int> indices, int batchSize,
        int sequenceLength)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        int n = indices.Length;
        if (n < 2) throw new ArgumentException($"validation needs at least 2 characters, got {n}");
        int streams = Math.Max(1, Math.Min(batchSize, n / (sequenceLength + 1)));
        int streamLength = n / streams;
        var options = network.Options;
        int layers = options.NumLayers * (options.Bidirectional ? 2 : 1), v = options.OutputSize;
        var h = new Tensor<T>(layers, streams, options.HiddenSize); // carried (L, S, H)
        var c = options.Cell == CellKind.Lstm ? new Tensor<T>(layers, streams, options.HiddenSize) : null;
        var inputs = new int[sequenceLength * streams];
        var targets = new int[sequenceLength * streams];
        var loss = new SoftmaxCrossEntropy<T>();
        bool training = network.Training;
        network.Training = false;
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
                var z = network.ForwardTokens(inputs.AsSpan(0, elements), steps, streams, default, h, c); // (T, S, V)
                T value = loss.Compute(z.Reshape(elements, v), targets.AsSpan(0, elements), null, null);
                total += double.CreateChecked(value) * elements;
                count += elements;
                network.FinalHidden.Span.CopyTo(h.Span);
                network.FinalCell?.Span.CopyTo(c!.Span);
            }
            return total / count;
        }
        finally { network.Training = training; }
    }
}
