using Recurrent.Data;

namespace Recurrent.Tests.Data;

/// <summary>Small in-memory sequence data sets with known contents.</summary>
internal static class SequenceFixtures
{
    /// <summary>
    /// <paramref name="count"/> sequences of lengths 1 + (i · 7 mod <paramref name="maxLength"/>), two features
    /// (step t of sequence i is [i, t]), class i mod <paramref name="classes"/>.
    /// </summary>
    public static SequenceDataset Classes(int count, int maxLength = 9, int classes = 3)
    {
        var examples = Enumerable.Range(0, count).Select(i =>
        {
            int length = 1 + i * 7 % maxLength;
            var features = new float[length * 2];
            for (int t = 0; t < length; t++) (features[2 * t], features[2 * t + 1]) = (i, t);
            return SequenceExample.FromFeatures(features, 2, SequenceTarget.Class(i % classes), $"s{i}");
        });
        return new SequenceDataset(examples.ToList(), Enumerable.Range(0, classes).Select(c => $"c{c}").ToArray());
    }
}
