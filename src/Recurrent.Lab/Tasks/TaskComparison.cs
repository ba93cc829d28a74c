using Recurrent.Layers.Recurrent;

namespace Recurrent.Lab.Tasks;

/// <summary>
/// RNN, LSTM and GRU on one task at several lengths, each trained from the same seed and data stream with the same
/// settings (<see cref="SequenceTaskTrainer.Run"/>): where the vanilla RNN stays at the memoryless baseline and the
/// gated cells solve the task.
/// </summary>
public static class TaskComparison
{
    /// <summary>The cells compared, in table order.</summary>
    public static IReadOnlyList<CellKind> Models { get; } = [CellKind.Rnn, CellKind.Lstm, CellKind.Gru];

    /// <summary>The lengths compared by default: adding 50, 100, 200; copy 10, 20, 40; parity 50, 100, 200;
    /// binary-addition 16, 32, 64.</summary>
    public static int[] DefaultLengths(string task) => task switch
    {
        "adding" => [50, 100, 200],
        "copy" => [10, 20, 40],
        "parity" => [50, 100, 200],
        "binary-addition" => [16, 32, 64],
        _ => throw
            new ArgumentException($"unknown task '{task}'; expected one of " +
            $"{string.Join(", ", SequenceTaskOptions.TaskNames)}"),
    };

    /// <summary>
    /// Runs every model of <paramref name="models"/> (default <see cref="Models"/>) at every length, length by length,
    /// with <paramref name="options"/> otherwise unchanged (its Model and Length are overridden).
    /// </summary>
    public static IReadOnlyList<SequenceTaskOutcome> Run(SequenceTaskOptions options, IReadOnlyList<int> lengths,
        IReadOnlyList<CellKind>? models = null, IProgress<SequenceTaskProgress>? progress = null,
            CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Count == 0) throw new ArgumentException("--lengths must list at least one length");
        models ??= Models;
        // every bad length before any training
        foreach (int length in lengths) (options with { Length = length }).Validate();
        var outcomes = new List<SequenceTaskOutcome>();
        foreach (int length in lengths)
            foreach (var model in models)
                outcomes.Add(SequenceTaskTrainer.Run(options with { Model = model, Length = length }, progress,
                    cancellation));
        return outcomes;
    }
}
