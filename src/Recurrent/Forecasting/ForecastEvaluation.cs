using System.Globalization;
using System.Text;

namespace Recurrent.Forecasting;

/// <summary>A forecaster and every baseline scored by rolling origin on the same last windows.</summary>
/// <param name="Model">The forecaster's windows and scores.</param>
/// <param name="Baselines">Each baseline's windows and scores, in <see cref="ForecastBaselines.All"/>'s order.</param>
/// <param name="Windows">K, the test windows per series.</param>
/// <param name="Horizon">H, the values per window.</param>
/// <param name="Season">m, of the seasonal baseline and the MASE scale.</param>
public sealed record ForecastEvaluation(RollingOriginResult Model,
    IReadOnlyDictionary<BaselineKind, RollingOriginResult> Baselines, int Windows, int Horizon, int Season)
{
    /// <summary>The prediction interval and its coverage, for a quantile forecaster; null for a point
    /// forecaster.</summary>
    public ForecastInterval? Interval { get; init; }

    /// <summary>The baseline with the lowest MASE.</summary>
    public BaselineKind BestBaseline => Baselines.MinBy(b => b.Value.Scores.Mase).Key;

    /// <summary>
    /// <c>{"model": {"mae", "rmse", "smape", "mase"}, "baselines": {"naive": {…}, "seasonal_naive": {…}, "drift": {…},
    /// "mean": {…}}, "windows": K, "horizon": H}</c>, and for a quantile forecaster after them
    /// <c>"coverage": {"lower", "upper", "nominal", "observed"}</c> (the levels, τ_upper − τ_lower and the fraction of
    /// actual values inside); a score that is not finite is null.
    /// </summary>
    public string ToJson()
    {
        var json = new StringBuilder("{\"model\":").Append(Scores(Model.Scores)).Append(",\"baselines\":{");
        json.AppendJoin(',', ForecastBaselines.All.Select(kind =>
            $"\"{ForecastBaselines.Name(kind)}\":{Scores(Baselines[kind].Scores)}"));
        json.Append("},\"windows\":").Append(Windows).Append(",\"horizon\":").Append(Horizon);
        if (Interval is { } i)
            json.Append($",\"coverage\":{{\"lower\":{Number(i.LowerLevel)},\"upper\":{Number(i.UpperLevel)},")
                .Append($"\"nominal\":{Number(i.Nominal)},\"observed\":{Number(i.Coverage)}}}");
        return json.Append('}').ToString();
    }

    /// <summary>A table of the scores, the model first, then each baseline.</summary>
    public string ToText()
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"{Windows} windows of {Horizon} per series, season {Season}\n"));
        text.Append(CultureInfo.InvariantCulture, $"{"forecaster",-16}{"MAE",12}{"RMSE",12}{"sMAPE %",10}{"MASE",9}\n");
        Row(text, "model", Model.Scores);
        foreach (var kind in ForecastBaselines.All) Row(text, ForecastBaselines.Name(kind), Baselines[kind].Scores);
        if (Interval is { } i)
            text.Append(CultureInfo.InvariantCulture, $"interval [{i.LowerLevel:G4}, {i.UpperLevel:G4}] quantiles: " +
                $"{100 * i.Coverage:F1}% of the actual values inside ({100 * i.Nominal:F0}% nominal)\n");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, ForecastScores s) =>
        text.Append(CultureInfo.InvariantCulture,
            $"{name,-16}{s.Mae,12:F3}{s.Rmse,12:F3}{s.Smape,10:F2}{s.Mase,9:F3}\n");

    private static string Scores(ForecastScores s) =>
        $"{{\"mae\":{Number(s.Mae)},\"rmse\":{Number(s.Rmse)},\"smape\":{Number(s.Smape)},\"mase\":{Number(s.Mase)}}}";

    private static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "null";
}
