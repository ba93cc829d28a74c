namespace Recurrent.Lab.Examples;

/// <summary>What <see cref="BitTaskExperiment.Run"/> found.</summary>
/// <param name="Task">The task's name.</param>
/// <param name="Options">The settings it ran with.</param>
/// <param name="Rnn">The RNN's scores.</param>
/// <param name="Mlp">The fixed-width MLP's scores (see <see cref="BitMlp"/> for how it sees long inputs).</param>
public sealed record BitTaskReport(string Task, BitTaskOptions Options, BitModelScores Rnn, BitModelScores Mlp);
