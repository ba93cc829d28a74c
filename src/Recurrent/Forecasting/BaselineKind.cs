namespace Recurrent.Forecasting;

/// <summary>The simple forecasts every model must beat (<see cref="ForecastBaselines"/> has the equations).</summary>
public enum BaselineKind
{
    /// <summary>Every future value is the last one.</summary>
    Naive,

    /// <summary>Every future value is the value one season (m steps) earlier.</summary>
    SeasonalNaive,

    /// <summary>The line from the first to the last value, extended.</summary>
    Drift,

    /// <summary>Every future value is the mean of the history.</summary>
    Mean,
}
