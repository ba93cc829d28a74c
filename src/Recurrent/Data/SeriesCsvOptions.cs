namespace Recurrent.Data;

/// <summary>
/// The columns of a CSV file with one row per sequence, a univariate series (read by <see cref="SeriesCsvReader"/>).
/// The header is required; columns are found by name.
/// </summary>
public sealed record SeriesCsvOptions
{
    /// <summary>The label column; null for series without targets.</summary>
    public string? TargetColumn { get; init; } = "label"; // the usual name

    /// <summary>How to read the label column: Class, Values (one number) or None (exactly when there is no
    /// column).</summary>
    public SequenceTargetKind TargetKind { get; init; } = SequenceTargetKind.Class; // classification of series

    /// <summary>
    /// The column holding the whole series as numbers separated by <see cref="SeriesDelimiter"/>, e.g. "0.5 1 1.5";
    /// null takes every column but the label, in file order, as the steps (empty cells at the end of a row make
    /// that series shorter).
    /// </summary>
    public string? SeriesColumn { get; init; } // null: one step per column

    /// <summary>The separator of the numbers inside <see cref="SeriesColumn"/>; runs of it count as one.</summary>
    public char SeriesDelimiter { get; init; } = ' '; // ';' or '|' also work where the file delimiter is ','

    /// <summary>Class id → label, e.g. the training set's; null builds them from the file's labels, sorted.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; } // null: from this file

    /// <summary>The field delimiter.</summary>
    public char Delimiter { get; init; } = ','; // CSV; '\t' for TSV
}
