namespace Recurrent.Forecasting;

/// <summary>
/// The columns of a CSV file of time series (read by <see cref="TimeSeriesCsvReader"/>): one row per time step, a
/// header naming the columns; rows of a series are in time order. Other columns are ignored.
/// </summary>
public sealed record TimeSeriesCsvOptions
{
    /// <summary>The column of the values to forecast. Required.</summary>
    public string ValueColumn { get; init; } = "";

    /// <summary>A column of dates or times, kept as written (for plots and the dates of forecasts); null (default)
    /// for none.</summary>
    public string? DateColumn { get; init; }

    /// <summary>A column naming the series of each row, for a file of several series; null (default) reads the whole
    /// file as one series.</summary>
    public string? SeriesColumn { get; init; }

    /// <summary>Columns of covariates, numbers read beside the values of each step
    /// (<see cref="TimeSeries.Covariates"/>, in this order); null (default) for none.</summary>
    public string[]? CovariateColumns { get; init; }

    /// <summary>The field delimiter (default ',').</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Equal when every column is, the covariate columns compared by value.</summary>
    public bool Equals(TimeSeriesCsvOptions? other) => other is not null && ValueColumn == other.ValueColumn
        && DateColumn == other.DateColumn && SeriesColumn == other.SeriesColumn && Delimiter == other.Delimiter
        && (CovariateColumns ?? []).SequenceEqual(other.CovariateColumns ?? [])
        && (CovariateColumns is null) == (other.CovariateColumns is null);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(ValueColumn, DateColumn, SeriesColumn, Delimiter, CovariateColumns?.Length);
}
