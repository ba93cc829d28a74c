using System.Text;

namespace Recurrent.Tests.Classification;

/// <summary>Tiny labelled data for the classification tests, made from a seeded rule so a model can learn it.</summary>
internal static class ClassifyFixtures
{
    /// <summary>
    /// <paramref name="count"/> lines <c>label&lt;TAB&gt;text</c>: random words of 2–6 letters from "abcde"; the label
    /// is "ends-a" when the last letter is 'a' (about a third of the words, by construction) and "other" otherwise.
    /// The rule reads only the last step, so a small recurrent model learns it in a few epochs.
    /// </summary>
    public static string LastLetterTsv(int count, int seed)
    {
        var rng = new Random(seed);
        var s = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            int length = rng.Next(2, 7);
            var word = new char[length];
            for (int j = 0; j < length; j++) word[j] = "abcde"[rng.Next(5)];
            if (rng.Next(3) == 0) word[^1] = 'a';
            else if (word[^1] == 'a') word[^1] = 'b';
            s.Append(word[^1] == 'a' ? "ends-a" : "other").Append('\t').Append(word).Append('\n');
        }
        return s.ToString();
    }

    /// <summary>
    /// A CSV of <paramref name="count"/> feature sequences (id, step, x1, x2, label) of 3–8 steps; the label is
    /// "up" when the sum of x1 over the steps is positive, else "down"; x2 is noise.
    /// </summary>
    public static string SignCsv(int count, int seed)
    {
        var rng = new Random(seed);
        var s = new StringBuilder("id,step,x1,x2,label\n");
        for (int i = 0; i < count; i++)
        {
            int length = rng.Next(3, 9);
            var x1 = Enumerable.Range(0, length).Select(_ => Math.Round(rng.NextDouble() * 2 - 1, 3)).ToArray();
            string label = x1.Sum() > 0 ? "up" : "down";
            for (int t = 0; t < length; t++)
                s.Append(FormattableString.Invariant(
                    $"s{i},{t},{x1[t]},{Math.Round(rng.NextDouble(), 3)},{label}\n"));
        }
        return s.ToString();
    }
}
