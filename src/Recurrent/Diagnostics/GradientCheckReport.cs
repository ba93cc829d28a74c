namespace Recurrent.Diagnostics;

/// <summary>A gradient check: one row per named tensor, in parameter order, and the tolerance they were held
/// to.</summary>
/// <param name="Results">One row per parameter (and input, where checked).</param>
/// <param name="Tolerance">Largest relative error that passes.</param>
public sealed record GradientCheckReport(IReadOnlyList<GradientCheckResult> Results, double Tolerance)
{
    /// <summary>The largest relative error of any row (0 for an empty report).</summary>
    public double WorstRelativeError => Results.Count == 0 ? 0 : Results.Max(r => r.WorstRelativeError);

    /// <summary>The row with the largest relative error, or null for an empty report.</summary>
    public GradientCheckResult? Worst => Results.MaxBy(r => r.WorstRelativeError);

    /// <summary>True when every row is within <see cref="Tolerance"/>.</summary>
    public bool Passed => Results.All(r => r.Passes(Tolerance));

    /// <summary>This report with more rows appended (e.g. an input check after the parameter checks).</summary>
    public GradientCheckReport With(params GradientCheckResult[] more) => this with { Results = [.. Results, .. more] };
}
