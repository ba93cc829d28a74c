using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recurrent.Forecasting;

/// <summary>
/// What a <see cref="Forecaster"/> forecasts and from what: H values at once from the last W values, with season m
/// for the seasonal baselines and MASE, and V validation windows held out at the end of the training series for
/// early stopping (so the test windows after them are never looked at while training). Saved in the model file.
/// </summary>
public sealed record ForecasterOptions
{
    /// <summary>H, the values forecast at once. Required (≥ 1).</summary>
    public int Horizon { get; init; }

    /// <summary>W, the past values the model reads; 0 (default) takes 2·max(H, m).</summary>
    public int Window { get; init; }

    /// <summary>m, the season length (7 for daily data with a weekly cycle); 1 (default) for none.</summary>
    public int Season { get; init; } = 1;

    /// <summary>V, windows of H values at the end of each training series kept for validation; 0 trains on
    /// everything (default 1).</summary>
    public int ValidationWindows { get; init; } = 1;

    /// <summary>Whether the network forecasts values or their difference from the naive or seasonal-naive forecast
    /// (default none).</summary>
    public Differencing Differencing { get; init; } = Differencing.None;

    /// <summary>Quantile levels τ_1 &lt; … &lt; τ_Q in (0, 1), one of them ½, for prediction intervals: the head gives
    /// H values per level, trained under the pinball loss; the ½ level is the point forecast and [τ_1, τ_Q] the
    /// interval. Null (default) forecasts points only.</summary>
    public double[]? Quantiles { get; init; }

    /// <summary>C, the covariates each series carries (<see cref="TimeSeries.Covariates"/>): the encoder reads their
    /// past values, standardised per series, beside the series' own (default 0).</summary>
    public int Covariates { get; init; }

    /// <summary>Whether the encoder also reads calendar features of each step's date (ISO yyyy-MM-dd): day of week
    /// and day of year, each as a sine and cosine (default false).</summary>
    public bool Calendar { get; init; }

    /// <summary>The CSV columns the training series were read from, so evaluation reads files the same way; null
    /// (default) when the series did not come from a file.</summary>
    public TimeSeriesCsvOptions? Columns { get; init; }

    /// <summary>W as used: <see cref="Window"/>, or 2·max(H, m) when it is 0.</summary>
    [JsonIgnore]
    public int EffectiveWindow => Window > 0 ? Window : 2 * Math.Max(Horizon, Season);

    /// <summary>F = 1 + C (+ 4 with <see cref="Calendar"/>), the features per step the encoder reads.</summary>
    [JsonIgnore]
    public int InputSize => 1 + Covariates + (Calendar ? ForecastInputs.CalendarFeatures : 0);

    /// <summary>Q, the quantile levels (1 for a point forecaster, which has one block of H outputs).</summary>
    [JsonIgnore]
    public int QuantileCount => Quantiles?.Length ?? 1;

    /// <summary>The block of H outputs that is the point forecast: that of level ½, or the only one.</summary>
    [JsonIgnore]
    public int MedianBlock => Quantiles is null ? 0 : Array.IndexOf(Quantiles, 0.5);

    /// <summary>ℓ, the lag of the differencing: 0 for none, 1 for first order, m for seasonal.</summary>
    [JsonIgnore]
    public int Lag => Differencing switch { Differencing.FirstOrder => 1, Differencing.Seasonal => Season, _ => 0 };

    /// <summary>Throws an <see cref="ArgumentException"/> that names the first option out of range.</summary>
    public void Validate()
    {
        if (Horizon < 1) throw new ArgumentException($"Horizon: expected H ≥ 1 values to forecast, got {Horizon}");
        if (Window < 0) throw new ArgumentException($"Window: expected W ≥ 1, or 0 for the default, got {Window}");
        if (Season < 1) throw new ArgumentException($"Season: expected m ≥ 1 (1 for none), got {Season}");
        if (!Enum.IsDefined(Differencing))
            throw new ArgumentException($"Differencing: unknown kind {(int)Differencing}");
        if (ValidationWindows < 0)
            throw new ArgumentException($"ValidationWindows: expected ≥ 0, got {ValidationWindows}");
        if (Covariates < 0) throw new ArgumentException($"Covariates: expected C ≥ 0, got {Covariates}");
        if (Columns?.CovariateColumns is { } columns && columns.Length != Covariates)
            throw new ArgumentException($"Covariates: the columns name {columns.Length} covariates, got C = " +
                $"{Covariates}");
        if (Quantiles is not null)
        {
            Losses.Quantiles.Validate(Quantiles, nameof(Quantiles));
            if (!Quantiles.Contains(0.5))
                throw new ArgumentException($"Quantiles: expected the level 0.5 among them (the point forecast), got " +
                    $"[{string.Join(", ", Quantiles.Select(q => q.ToString(CultureInfo.InvariantCulture)))}]");
        }
    }

    /// <summary>Equal when every option is, the quantile levels compared by value.</summary>
    public bool Equals(ForecasterOptions? other) => other is not null && Horizon == other.Horizon
        && Window == other.Window && Season == other.Season && ValidationWindows == other.ValidationWindows
        && Differencing == other.Differencing && Equals(Columns, other.Columns) && Covariates == other.Covariates
        && Calendar == other.Calendar
        && (Quantiles ?? []).SequenceEqual(other.Quantiles ?? []) && (Quantiles is null) == (other.Quantiles is null);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Horizon, Window, Season, ValidationWindows, Differencing,
        Columns, QuantileCount);

    /// <summary>The options as JSON (snake_case), as stored in a model file.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses <see cref="ToJson"/>'s text and validates it.</summary>
    /// <exception cref="InvalidDataException">Not valid JSON of these options; the message says why.</exception>
    public static ForecasterOptions FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var options = JsonSerializer.Deserialize<ForecasterOptions>(json, Json)
                ?? throw new InvalidDataException("forecaster options: expected a JSON object, got null");
            options.Validate();
            return options;
        }
        catch (JsonException e) { throw new InvalidDataException($"forecaster options are not valid: {e.Message}", e); }
        catch (ArgumentException e) { throw new InvalidDataException($"forecaster options: {e.Message}", e); }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };
}
