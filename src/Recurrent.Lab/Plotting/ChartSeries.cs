namespace Recurrent.Lab.Plotting;

/// <summary>One named line or scatter of an <see cref="SvgLineChart"/>: points (X[i], Y[i]); a NaN or infinite
/// coordinate is a gap in the line.</summary>
public sealed record ChartSeries
{
    /// <summary>A series; <paramref name="x"/> and <paramref name="y"/> must have the same length (both are kept by
    /// reference).</summary>
    public ChartSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"series '{name}' needs as many x as y values, got {x.Count} and {y.Count}");
        Name = name;
        X = x;
        Y = y;
    }

    /// <summary>Shown in the legend.</summary>
    public string Name { get; }

    /// <summary>Horizontal coordinates.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>Vertical coordinates; NaN leaves a gap.</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>Line, markers only (scatter), both, or a band. Default <see cref="SeriesStyle.Line"/>.</summary>
    public SeriesStyle Style { get; init; } = SeriesStyle.Line;

    /// <summary>The lower edge of a <see cref="SeriesStyle.Band"/> (as many values as X; Y is the upper edge); null
    /// for other styles.</summary>
    public IReadOnlyList<double>? Lower
    {
        get => _lower;
        init => _lower = value is null || value.Count == X.Count ? value : throw new ArgumentException(
            $"series '{Name}' needs as many lower as x values, got {value.Count} and {X.Count}");
    }

    private readonly IReadOnlyList<double>? _lower;
}
