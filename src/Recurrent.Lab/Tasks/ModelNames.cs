using Recurrent.Layers.Recurrent;

namespace Recurrent.Lab.Tasks;

/// <summary>The command line's names of the cells: rnn, lstm, gru.</summary>
public static class ModelNames
{
    /// <summary>rnn, lstm, gru.</summary>
    public static IReadOnlyList<string> All { get; } = ["rnn", "lstm", "gru"];

    /// <summary>The name of <paramref name="cell"/>.</summary>
    public static string Of(CellKind cell) => cell switch
    {
        CellKind.Rnn => "rnn",
        CellKind.Lstm => "lstm",
        CellKind.Gru => "gru",
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, "unknown cell kind"),
    };

    /// <summary>The cell called <paramref name="name"/> (case-insensitive).</summary>
    public static CellKind Parse(string name) => name?.ToLowerInvariant() switch
    {
        "rnn" => CellKind.Rnn,
        "lstm" => CellKind.Lstm,
        "gru" => CellKind.Gru,
        _ => throw new ArgumentException($"--model must be one of rnn, lstm, gru, got '{name}'"),
    };
}
