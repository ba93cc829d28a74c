namespace Recurrent.Classification;

/// <summary>What a <see cref="SequenceClassifier"/> says about one sequence.</summary>
/// <param name="ClassId">The most probable class, argmax_k P(k | x).</param>
/// <param name="Label">Its name.</param>
/// <param name="Probability">P(ClassId | x), the softmax of the model's scores.</param>
/// <param name="Probabilities">P(k | x) for every class k, in class id order (they sum to 1).</param>
/// <param name="AttentionWeights">For attention pooling: α_t, how much each step counted (L values summing to 1);
/// null for the other poolings.</param>
/// <param name="SkippedSymbols">Characters of a text input left out because the model's vocabulary lacks
/// them.</param>
public sealed record ClassPrediction(int ClassId, string Label, float Probability, float[] Probabilities,
    float[]? AttentionWeights, int SkippedSymbols);
