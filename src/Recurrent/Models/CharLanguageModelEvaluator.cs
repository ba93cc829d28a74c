namespace Recurrent.Models;

/// <summary>
/// Scores a <see cref="CharLanguageModel{T}"/> on one index sequence i_0 … i_{N−1} as one stream (B = 1): predicts
/// i_{s+1} from i_0 … i_s for every s &lt; N − 1, in chunks of <c>chunkLength</c> inputs with the state carried across
/// every chunk from zeros at the start (so the chunk length changes nothing but rounding), dropout off:
/// <code>
/// Loss = (1 / (N − 1)) Σ_{s=0}^{N−2} −ln softmax(z_s)[i_{s+1}]  (nats)
/// Bpc = Loss / ln 2;  Perplexity = e^Loss
/// </code>
/// tools/reference/charlm_eval.py computes the same with PyTorch.
/// </summary>
public static class CharLanguageModelEvaluator
{
    /// <summary>Mean NLL over the whole sequence (class summary). Restores the model's Training flag
    /// afterwards.</summary>
    /// <param name="indices">The text's character indices, unknown characters already left out; at least 2.</param>
    /// <param name="chunkLength">Inputs per Forward (≥ 1).</param>
    /// <param name="skipped">Passed through to the result: how many characters the caller left out.</param>
    public static CharLanguageModelEvaluation Evaluate<T>(CharLanguageModel<T> model, ReadOnlySpan<int> indices,
        int chunkLength = 256, long skipped = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkLength);
        if (indices.Length < 2)
            throw new ArgumentException($"indices: need at least 2 characters to predict one, got {indices.Length}",
            nameof(indices));
        var config = model.Config;
        var h = new Tensor<T>(config.NumLayers, 1, config.HiddenSize); // carried h (L, 1, H)
        var c = config.Model == Layers.Recurrent.CellKind.Lstm
            ? new Tensor<T>(config.NumLayers, 1, config.HiddenSize)
            : null;
        bool training = model.Training;
        model.Training = false;
        try
        {
            double total = 0;
            int predicted = indices.Length - 1;
            for (int start = 0; start < predicted; start += chunkLength)
            {
                int steps = Math.Min(chunkLength, predicted - start);
                model.Forward(indices.Slice(start, steps), steps, 1, h, c);
                double mean = double.CreateChecked(model.Loss(indices.Slice(start + 1, steps), null, null));
                total += mean * steps;
                model.FinalHidden.Span.CopyTo(h.Span);
                model.FinalCell?.Span.CopyTo(c!.Span);
            }
            double loss = total / predicted;
            return new CharLanguageModelEvaluation(loss, loss / Math.Log(2), Math.Exp(loss), predicted, skipped);
        }
        finally { model.Training = training; }
    }
}
