using System.CommandLine;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent seq2seq train|eval|decode|attention|split</c>: sequence to sequence with attention on the library's
/// <see cref="Recurrent.Seq2Seq.Seq2SeqModel"/> (docs/getting-started.md#sequence-to-sequence).
/// </summary>
public static class Seq2SeqCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("seq2seq",
            "Sequence to sequence (encoder–decoder with attention): train, evaluate, decode, show attention");
        command.Subcommands.Add(Seq2SeqTrainCommand.Create(context));
        command.Subcommands.Add(Seq2SeqEvalCommand.Create(context));
        command.Subcommands.Add(Seq2SeqDecodeCommand.Create(context));
        command.Subcommands.Add(Seq2SeqAttentionCommand.Create(context));
        command.Subcommands.Add(Seq2SeqSplitCommand.Create(context));
        return command;
    }

    /// <summary>The --beam option of eval and decode.</summary>
    internal static Option<int> BeamOption() =>
        OptionFactory.PositiveInt("--beam", "Beam width (1 = greedy)", 1);

    /// <summary>The --checkpoint option: a model file or a train --out folder.</summary>
    internal static Option<string> CheckpointOption() => new("--checkpoint")
    {
        Description = "A seq2seq model file, or a seq2seq train --out folder (its best.safetensors)", Required = true,
    };
}
