using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recurrent.Data;
using Recurrent.Models;

namespace Recurrent.Cli.Commands;

/// <summary><c>recurrent eval</c>: loss, bits per character and perplexity of a trained character model over a whole
/// text; loss per token and perplexity for a word model.</summary>
public static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint =
            new Option<string>("--checkpoint") { Description =
            "recurrent-charlm/1 checkpoint, or a train --out folder (its best.safetensors)", Required = true };
        var data = new Option<string>("--data") { Description = "UTF-8 text to score", Required = true };
        var json =
            new Option<bool>("--json") { Description =
            "Print one JSON object: {loss, bpc, perplexity, chars, skipped}, or for a word model {loss, perplexity, " +
            "tokens, unknown}" };
        var command =
            new Command("eval",
            "Score a language model on a text: nats (and bits) per character or per word token, perplexity")
            { checkpoint, data, json };
        command.SetAction(parse =>
            Run(new EvalOptions { Checkpoint = parse.GetValue(checkpoint)!, Data = parse.GetValue(data)!,
            Json = parse.GetValue(json) }, context));
        return command;
    }

    /// <summary>Scores the text as one stream (chunks of 256, state carried; see CharLanguageModelEvaluator); returns
    /// the exit code.</summary>
    public static int Run(EvalOptions options, CliContext context)
    {
        var (_, tokens, model) =
            CharLanguageModelCheckpoint.LoadWithTokens(CheckpointPath.Resolve(options.Checkpoint));
        var corpus = TextCorpus.Load(options.Data);
        if (tokens is WordVocabulary words) return RunWords(model, words, corpus, options, context);
        var vocabulary = (CharVocabulary)tokens;
        int[] indices = vocabulary.Encode(corpus.Text, out int skipped);
        if (indices.Length < 2)
            throw new InvalidDataException($"'{options.Data}' has {indices.Length} characters in the checkpoint's " +
                $"vocabulary ({skipped} outside it); need at least 2 to score");
        var r = CharLanguageModelEvaluator.Evaluate(model, indices, chunkLength: 256, skipped);
        if (options.Json)
        {
            context.Out.WriteLine(
                JsonSerializer.Serialize(new { loss = r.Loss, bpc = r.Bpc, perplexity = r.Perplexity, chars = r.Chars,
                skipped = r.Skipped }));
            return Program.Success;
        }
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loss {r.Loss:F4} nats/char  {r.Bpc:F4} bits/char  perplexity {r.Perplexity:F3}  over {r.Chars:N0} " +
                $"predicted characters"));
        if (r.Skipped > 0)
            context.Out.WriteLine($"skipped {r.Skipped:N0} characters outside the checkpoint's vocabulary of " +
                $"{vocabulary.Count}");
        return Program.Success;
    }

    /// <summary>A word model: every token of the text, &lt;eos&gt; included, predicted from those before it; words
    /// outside the vocabulary are scored as &lt;unk&gt; and counted.</summary>
    private static int RunWords(CharLanguageModel<float> model, WordVocabulary vocabulary, TextCorpus corpus,
        EvalOptions options, CliContext context)
    {
        int[] indices = vocabulary.Encode(corpus.Text, out int unknown);
        if (indices.Length < 2)
            throw new InvalidDataException($"'{options.Data}' has {indices.Length} word tokens; need at least 2 to " +
                $"score");
        var r = CharLanguageModelEvaluator.Evaluate(model, indices, chunkLength: 256);
        if (options.Json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(new
                { loss = r.Loss, perplexity = r.Perplexity, tokens = r.Chars, unknown }));
            return Program.Success;
        }
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loss {r.Loss:F4} nats/token  perplexity {r.Perplexity:F2}  over {r.Chars:N0} predicted tokens " +
                $"({unknown:N0} of the text's {indices.Length:N0} were outside the vocabulary of {vocabulary.Count} " +
                $"and scored as {WordVocabulary.Unknown})"));
        return Program.Success;
    }
}
