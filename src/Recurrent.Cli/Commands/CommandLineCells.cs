using Recurrent.Layers.Recurrent;

namespace Recurrent.Cli.Commands;

/// <summary>The cells as the train and bench commands list them for --model: lstm first, their default.</summary>
internal static class CommandLineCells
{
    /// <summary>lstm, gru, rnn (<see cref="CellKinds.Name"/> of each).</summary>
    public static string[] Names { get; } =
        [.. new[] { CellKind.Lstm, CellKind.Gru, CellKind.Rnn }.Select(CellKinds.Name)];
}
