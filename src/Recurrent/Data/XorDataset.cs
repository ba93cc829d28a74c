namespace Recurrent.Data;

/// <summary>The four XOR examples: (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0. Not linearly separable, so a hidden layer is
/// needed.</summary>
public static class XorDataset
{
    /// <summary>The truth table as a two-class data set.</summary>
    public static ClassificationDataset Create() =>
        new([0, 0, 0, 1, 1, 0, 1, 1], [0, 1, 1, 0], featureCount: 2, classCount: 2);
}
