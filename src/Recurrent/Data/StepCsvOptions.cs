namespace Recurrent.Data;

/// <summary>
/// The columns of a CSV file with one row per step (read by <see cref="StepCsvReader"/>). The header is required;
/// columns are found by name.
/// </summary>
public sealed record StepCsvOptions
{
    /// <summary>The column naming each row's sequence; null reads the whole file as one sequence (a single
    /// series).</summary>
    public string? IdColumn { get; init; } // null: one sequence, e.g. a yearly series

    /// <summary>The feature columns, in this order; null takes every column but the id and target, in file
    /// order.</summary>
    public IReadOnlyList<string>? FeatureColumns { get; init; } // null: all the other columns

    /// <summary>The target column; null for data without targets.</summary>
    public string? TargetColumn { get; init; } // null: no target

    /// <summary>
    /// How to read the target column: <see cref="SequenceTargetKind.Class"/> or
    /// <see cref="SequenceTargetKind.Values"/> (one per sequence: every row of a sequence must repeat it),
    /// <see cref="SequenceTargetKind.StepClasses"/> or <see cref="SequenceTargetKind.StepValues"/> (one per row).
    /// Must be None exactly when there is no target column.
    /// </summary>
    public SequenceTargetKind TargetKind { get; init; } // None, matching TargetColumn's default

    /// <summary>
    /// Class id → label for class targets, e.g. the training set's <see cref="SequenceDataset.ClassNames"/> when
    /// reading validation data; null builds them from the file's labels, sorted (numerically when all are numbers).
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; } // null: from this file

    /// <summary>
    /// False: the rows of one id must be consecutive (an id that comes back later is an error). True: rows are grouped
    /// by id, each sequence keeping its rows' file order, sequences ordered by first appearance.
    /// </summary>
    public bool AllowInterleavedIds { get; init; } // false: catches files that were sorted by something else

    /// <summary>The field delimiter.</summary>
    public char Delimiter { get; init; } = ','; // CSV; '\t' for TSV, ';' for European spreadsheets
}
