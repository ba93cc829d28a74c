using System.Diagnostics.CodeAnalysis;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// The names of the <see cref="CellKind"/>s, "rnn", "lstm" and "gru": the one mapping between the enum and the text of
/// checkpoints (a config's <c>model</c> field), reports and command lines.
/// </summary>
public static class CellKinds
{
    /// <summary>Every kind, in the enum's order: RNN, LSTM, GRU.</summary>
    public static IReadOnlyList<CellKind> All { get; } = [CellKind.Rnn, CellKind.Lstm, CellKind.Gru];

    /// <summary>"rnn", "lstm" or "gru".</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static string Name(CellKind kind) => kind switch
    {
        CellKind.Rnn => "rnn",
        CellKind.Lstm => "lstm",
        CellKind.Gru => "gru",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown cell kind"),
    };

    /// <summary>
    /// The kind whose <see cref="Name"/> is <paramref name="name"/> exactly (lower case, as checkpoints store it);
    /// false for anything else, null included. Text typed by a person can be lower-cased first.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out CellKind kind)
    {
        switch (name)
        {
            case "rnn": kind = CellKind.Rnn; return true;
            case "lstm": kind = CellKind.Lstm; return true;
            case "gru": kind = CellKind.Gru; return true;
            default: kind = default; return false;
        }
    }
}
