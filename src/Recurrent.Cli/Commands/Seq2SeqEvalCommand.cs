using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recurrent.Seq2Seq;

namespace Recurrent.Cli.Commands;

/// <summary><c>recurrent seq2seq eval</c>: WER and PER of a trained model over the distinct sources of
/// source&lt;TAB&gt;target lines (every line of a source is one of its references).</summary>
public static class Seq2SeqEvalCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint = Seq2SeqCommand.CheckpointOption();
        var data = new Option<string>("--data") { Description = "Test lines: source<TAB>target", Required = true };
        var beam = Seq2SeqCommand.BeamOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON object {wer, per, sources}" };
        var errors = new Option<int>("--errors")
        {
            Description = "Print this many sources the model gets wrong", DefaultValueFactory = _ => 0,
        };
        var command =
            new Command("eval", "Score a seq2seq model: WER and PER") { checkpoint, data, beam, json, errors };
        command.SetAction(parse =>
        {
            var model = Seq2SeqModel.Load(CheckpointPath.Resolve(parse.GetValue(checkpoint)!));
            var pairs = Seq2SeqData.Read(parse.GetValue(data)!);
            var scores = Seq2SeqMetrics.Evaluate(model, pairs, new Seq2SeqDecodingOptions(parse.GetValue(beam)));
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(new { wer = scores.Wer, per = scores.Per,
                    sources = scores.Sources }));
                return Program.Success;
            }
            var c = CultureInfo.InvariantCulture;
            context.Out.WriteLine(string.Create(c, $"WER {100 * scores.Wer:F2}%  PER {100 * scores.Per:F2}%  over " +
                $"{scores.Sources:N0} sources (beam {parse.GetValue(beam)})"));
            foreach (var e in scores.Errors.Take(Math.Max(0, parse.GetValue(errors))))
                context.Out.WriteLine($"  {e.Source}: {e.Output}  (reference: {string.Join(" | ", e.References)})");
            return Program.Success;
        });
        return command;
    }
}
