using System.CommandLine;

namespace Recurrent.Cli.Commands;

/// <summary>
/// <c>recurrent classify train|eval|predict|split</c>: one label per sequence (text lines, CSV sequences of
/// features, IDX images as rows) on the library's <see cref="Recurrent.Classification.SequenceClassifier"/>
/// (docs/getting-started.md#classifying).
/// </summary>
public static class ClassifyCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("classify",
            "Sequence classification (many to one): train, evaluate and use a classifier of whole sequences");
        command.Subcommands.Add(ClassifyTrainCommand.Create(context));
        command.Subcommands.Add(ClassifyEvalCommand.Create(context));
        command.Subcommands.Add(ClassifyPredictCommand.Create(context));
        command.Subcommands.Add(ClassifySplitCommand.Create(context));
        return command;
    }
}
