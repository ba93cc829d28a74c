namespace Recurrent.Forecasting;

/// <summary>
/// Forecasters of one configuration trained from different seeds, forecasting together: each level's forecast is the
/// mean of the members' (ŷ = (1/N) Σ_i ŷ^{(i)} at every step and level). Recurrent forecasters trained on a few
/// hundred windows land in different places from different seeds; the mean keeps what they agree on and averages out
/// what they do not, the variance reduction the M4 competition's better entries relied on. An ensemble of one is the
/// forecaster itself. <c>forecast train --ensemble N</c> writes the members to member-1 … member-N of its folder.
/// </summary>
public sealed class ForecasterEnsemble
{
    /// <summary>The folder of member i (1-based) inside an ensemble's folder.</summary>
    public static string MemberFolder(string directory, int member) => Path.Combine(directory, $"member-{member}");

    /// <summary>An ensemble of <paramref name="members"/> (at least one), which must forecast alike: the same
    /// <see cref="ForecasterOptions"/> and series.</summary>
    /// <exception cref="ArgumentException">No member, or members that differ; the message says how.</exception>
    public ForecasterEnsemble(IReadOnlyList<Forecaster> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0) throw new ArgumentException("expected at least one forecaster, got none");
        for (int i = 1; i < members.Count; i++)
            if (!members[i].Options.Equals(members[0].Options)
                || !members[i].SeriesNames.SequenceEqual(members[0].SeriesNames))
                throw new ArgumentException($"member {i + 1} forecasts differently from member 1 (other options or " +
                    "series): an ensemble's members share one configuration");
        Members = members;
    }

    /// <summary>
    /// Loads a forecaster file, a training folder (its best.safetensors) as an ensemble of one, or an ensemble's
    /// folder (the best.safetensors of each member-i, i = 1, 2, … while they exist).
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing to load there.</exception>
    public static ForecasterEnsemble Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!Directory.Exists(MemberFolder(path, 1))) return new ForecasterEnsemble([Forecaster.Load(path)]);
        var members = new List<Forecaster>();
        for (int i = 1; Directory.Exists(MemberFolder(path, i)); i++)
            members.Add(Forecaster.Load(MemberFolder(path, i)));
        return new ForecasterEnsemble(members);
    }

    /// <summary>The forecasters, in order.</summary>
    public IReadOnlyList<Forecaster> Members { get; }

    /// <summary>The members' common options.</summary>
    public ForecasterOptions Options => Members[0].Options;

    /// <summary>The mean of the members' <see cref="Forecaster.ForecastQuantiles"/>, [series][level][step]; each
    /// member's levels are sorted at every step, so their means are too.</summary>
    public double[][][] ForecastQuantiles(IReadOnlyList<TimeSeries> histories)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var sum = Members[0].ForecastQuantiles(histories);
        foreach (var member in Members.Skip(1))
        {
            var f = member.ForecastQuantiles(histories);
            for (int b = 0; b < sum.Length; b++)
                for (int q = 0; q < sum[b].Length; q++)
                    for (int k = 0; k < sum[b][q].Length; k++) sum[b][q][k] += f[b][q][k];
        }
        foreach (var levels in sum)
            foreach (var steps in levels)
                for (int k = 0; k < steps.Length; k++) steps[k] /= Members.Count;
        return sum;
    }

    /// <summary>The mean point forecast of each history (the ½ level of a quantile ensemble).</summary>
    public double[][] Forecast(IReadOnlyList<TimeSeries> histories) =>
        [.. ForecastQuantiles(histories).Select(levels => levels[Options.MedianBlock])];

    /// <summary>The ensemble and every baseline by rolling origin, as
    /// <see cref="Forecaster.Evaluate(IReadOnlyList{TimeSeries}, int)"/>.</summary>
    public ForecastEvaluation Evaluate(IReadOnlyList<TimeSeries> series, int windows = 5) =>
        Forecaster.Evaluate(series, windows, Options, ForecastQuantiles);
}
