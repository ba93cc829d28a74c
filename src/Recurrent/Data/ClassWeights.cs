namespace Recurrent.Data;

/// <summary>
/// Class weights for imbalanced labels, for <see cref="Losses.CrossEntropyLoss{T}"/> and
/// <see cref="Sequences.SequenceTrainerOptions.ClassWeights"/>.
/// </summary>
public static class ClassWeights
{
    /// <summary>
    /// Inverse-frequency weights: with n_c the targets of class c (one per sequence for
    /// <see cref="SequenceTargetKind.Class"/>, one per step for <see cref="SequenceTargetKind.StepClasses"/>),
    /// N = Σ_c n_c and P the number of classes with n_c &gt; 0, a_c = N / (P · n_c). So every present class carries the
    /// same total weight, N / P, and the mean weight over the N targets is (1/N) Σ_c n_c a_c = 1 (scikit-learn's
    /// "balanced" when every class is present). A class with no targets gets 1.
    /// </summary>
    /// <returns>a (K), K = <see cref="SequenceDataset.ClassCount"/>.</returns>
    /// <exception cref="ArgumentException">The dataset's targets are not classes, or it holds no class targets (only
    /// empty per-step targets).</exception>
    public static float[] InverseFrequency(SequenceDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var counts = new long[data.ClassCount]; // n_c
        foreach (var example in data.Examples)
        {
            var target = example.Target;
            switch (data.TargetKind)
            {
                case SequenceTargetKind.Class:
                    counts[target.ClassId]++;
                    break;
                case SequenceTargetKind.StepClasses:
                    foreach (int id in target.StepClassIds!) counts[id]++;
                    break;
                default:
                    throw new ArgumentException(
                        $"class weights need class targets (Class or StepClasses), the data has {data.TargetKind}",
                        nameof(data));
            }
        }
        long total = counts.Sum(); // N
        int present = counts.Count(n => n > 0); // P
        if (present == 0) throw new ArgumentException("class weights: the data holds no class targets", nameof(data));
        return Array.ConvertAll(counts, n => n == 0 ? 1f : (float)(total / ((double)present * n)));
    }

    /// <summary>Throws unless every weight is finite and ≥ 0 and at least one is &gt; 0.</summary>
    /// <param name="name">The parameter or option named in the message.</param>
    internal static void Validate(float[] weights, string name)
    {
        ArgumentNullException.ThrowIfNull(weights, name);
        for (int k = 0; k < weights.Length; k++)
            if (!(float.IsFinite(weights[k]) && weights[k] >= 0))
                throw new ArgumentException($"class weights: expected finite values ≥ 0, got [{k}] = {weights[k]}",
                    name);
        if (!Array.Exists(weights, a => a > 0))
            throw new ArgumentException(
                $"class weights: expected at least one > 0, got all {weights.Length} equal to 0", name);
    }
}
