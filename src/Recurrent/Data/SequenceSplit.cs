namespace Recurrent.Data;

/// <summary>Index arithmetic of <see cref="SequenceDataset.Split"/>: a seeded, optionally stratified shuffle.</summary>
internal static class SequenceSplit
{
    /// <summary>Train and validation indices; <paramref name="classIds"/> (one per sequence) stratifies when
    /// given.</summary>
    public static (int[] Train, int[] Validation) Indices(int[]? classIds, int count, double fraction, Random rng)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction),
                $"validation fraction must lie strictly between 0 and 1, got {fraction}");
        if (count < 2)
            throw new InvalidOperationException($"cannot split {count} sequence(s): each side needs at least one");
        int total = Math.Clamp((int)Math.Round(count * fraction, MidpointRounding.AwayFromZero), 1, count - 1);
        var groups = classIds is null
            ? [Enumerable.Range(0, count).ToArray()]
            : Enumerable.Range(0, count).GroupBy(i => classIds[i]).OrderBy(g => g.Key).Select(g
                => g.ToArray()).ToArray();
        foreach (var group in groups) rng.Shuffle(group);
        var shares = Shares(groups.Select(g => g.Length).ToArray(), total);
        var train = new List<int>(count - total);
        var validation = new List<int>(total);
        for (int g = 0; g < groups.Length; g++)
        {
            validation.AddRange(groups[g].Take(shares[g]));
            train.AddRange(groups[g].Skip(shares[g]));
        }
        int[] trainOrder = train.ToArray(), validationOrder = validation.ToArray();
        rng.Shuffle(trainOrder);
        rng.Shuffle(validationOrder);
        return (trainOrder, validationOrder);
    }

    /// <summary>Splits <paramref name="total"/> over groups in proportion to their sizes (largest remainders, ties to
    /// the first).</summary>
    private static int[] Shares(int[] sizes, int total)
    {
        int count = sizes.Sum();
        var shares = new int[sizes.Length];
        var remainders = new double[sizes.Length];
        for (int g = 0; g < sizes.Length; g++)
        {
            double exact = (double)sizes[g] * total / count;
            shares[g] = (int)Math.Floor(exact);
            remainders[g] = exact - shares[g];
        }
        int left = total - shares.Sum();
        foreach (int g in Enumerable.Range(0, sizes.Length).OrderByDescending(g => remainders[g]).ThenBy(g
            => g).Take(left))
            shares[g]++;
        return shares;
    }
}
