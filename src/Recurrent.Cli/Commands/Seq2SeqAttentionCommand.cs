using System.CommandLine;
using Recurrent.Seq2Seq;

namespace Recurrent.Cli.Commands;

/// <summary><c>recurrent seq2seq attention</c>: the attention heatmap (SVG) of one source's greedy output.</summary>
public static class Seq2SeqAttentionCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint = Seq2SeqCommand.CheckpointOption();
        var text = new Option<string>("--text") { Description = "The source", Required = true };
        var output = new Option<string>("--out") { Description = "The SVG file to write", Required = true };
        var command = new Command("attention", "Draw the attention of one source's output as an SVG heatmap")
        {
            checkpoint, text, output,
        };
        command.SetAction(parse =>
        {
            var model = Seq2SeqModel.Load(CheckpointPath.Resolve(parse.GetValue(checkpoint)!));
            var map = model.AttentionMap(parse.GetValue(text)!.Trim())
                ?? throw new ArgumentException("this model has no attention (trained with --attention none)");
            string path = parse.GetValue(output)!;
            Recurrent.Parameters.Serialization.AtomicFile.WriteAllBytes(path,
                System.Text.Encoding.UTF8.GetBytes(AttentionHeatmap.ToSvg(map)));
            context.Out.WriteLine($"{string.Join(" ", map.OutputTokens)} → {path}");
            return Program.Success;
        });
        return command;
    }
}
