using System.CommandLine;
using Recurrent.Seq2Seq;

namespace Recurrent.Cli.Commands;

/// <summary><c>recurrent seq2seq decode</c>: one source per line on standard input, one output per line on standard
/// output. Tokens unseen in training are read as &lt;unk&gt; (a note on standard error names them).</summary>
public static class Seq2SeqDecodeCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint = Seq2SeqCommand.CheckpointOption();
        var beam = Seq2SeqCommand.BeamOption();
        var command = new Command("decode", "Decode sources from standard input, one per line") { checkpoint, beam };
        command.SetAction(parse =>
        {
            var model = Seq2SeqModel.Load(CheckpointPath.Resolve(parse.GetValue(checkpoint)!));
            var sources = new List<string>();
            int line = 0;
            while (context.In.ReadLine() is { } text)
            {
                line++;
                text = text.Trim();
                if (text.Length == 0) throw new InvalidDataException($"stdin:{line}: an empty source");
                var unseen = model.SourceVocabulary.UnknownTokens(text);
                if (unseen.Count > 0)
                    context.Error.WriteLine($"note: stdin:{line}: unseen tokens read as <unk>: " +
                        string.Join(" ", unseen));
                sources.Add(text);
            }
            foreach (var output in model.Decode(sources, new Seq2SeqDecodingOptions(parse.GetValue(beam))))
                context.Out.WriteLine(output);
            return Program.Success;
        });
        return command;
    }
}
