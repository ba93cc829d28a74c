namespace Recurrent.Training;

/// <summary>How <see cref="Sampler"/> picks the next character from the model's logits.</summary>
/// <param name="Temperature">Divides the logits before the softmax: below 1 sharpens, above 1 flattens; must be &gt; 0.
/// Default 1.</param>
/// <param name="TopK">Draw only among the K most likely characters; 0 (default) is off.</param>
/// <param name="TopP">Nucleus sampling: draw only among the fewest most likely characters whose probabilities sum to at
/// least P, in (0, 1]; 1 (default) is off.</param>
/// <param name="ArgMax">Always take the most likely character (greedy decoding; the other options are ignored). Default
/// false.</param>
public sealed record SamplingOptions(double Temperature = 1.0, int TopK = 0, double TopP = 1.0, bool ArgMax = false);
