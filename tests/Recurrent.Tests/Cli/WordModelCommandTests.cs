using System.Text.Json;
using Recurrent.Data;
using Recurrent.Models;
using Recurrent.Tests.Training;

namespace Recurrent.Tests.Cli;

/// <summary>recurrent train|sample|eval with --tokens words on a tiny text: the flags of issue 19, the JSON of eval,
/// readable samples, and one-line errors that overwrite nothing.</summary>
public sealed class WordModelCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("word-model-").FullName;
    private readonly string _train, _valid, _output;

    public WordModelCommandTests()
    {
        _train = TinyTraining.WriteCorpus(_directory, TinyTraining.Text + TinyTraining.Text, "train.txt");
        _valid = TinyTraining.WriteCorpus(_directory, TinyTraining.OtherText + "the zebra sat.\n", "valid.txt");
        _output = Path.Combine(_directory, "out");
        var (code, output, err) = Train(_output, "--tie-weights", "--embedding", "8", "--hidden", "8");
        Assert.True(code == 0, err);
        Assert.Contains("words", output);
        Assert.Contains("nats/token", output);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (int Code, string Out, string Err) Train(string output, params string[] more) =>
        CliHarness.Run([
            "train", "--tokens", "words", "--data", _train, "--valid", _valid, "--min-count", "2", "--lowercase",
            "--layers", "1", "--seq-length", "4", "--batch-size", "2", "--max-steps", "6", "--eval-every", "3",
            "--out", output, .. more]);

    [Fact]
    public void Train_StoresTheWordVocabularyOfTheTrainingText_InTheModelFile()
    {
        var (config, vocabulary, _) =
            CharLanguageModelCheckpoint.LoadWithTokens(Path.Combine(_output, "best.safetensors"));
        var words = Assert.IsType<WordVocabulary>(vocabulary);
        Assert.True(config.TieWeights);
        Assert.Equal(new TextTokenization(TokenKind.Words, Lowercase: true, MinCount: 2), words.Tokenization);
        Assert.Equal(WordVocabulary.FromText(File.ReadAllText(_train), 2, lowercase: true).Symbols, words.Symbols);
        Assert.DoesNotContain("zebra", words.Symbols); // only in the validation file
    }

    [Fact]
    public void Eval_Json_ReportsLossPerplexityTokensAndUnknown()
    {
        var (code, output, err) = CliHarness.Run("eval", "--checkpoint", _output, "--data", _valid, "--json");
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["loss", "perplexity", "tokens", "unknown"], root.EnumerateObject().Select(p => p.Name));
        double loss = root.GetProperty("loss").GetDouble();
        Assert.Equal(Math.Exp(loss), root.GetProperty("perplexity").GetDouble(), 9);
        // every token after the first is predicted, <eos> included: the tokenizer's count less one
        Assert.Equal(WordTokenizer.Tokenize(File.ReadAllText(_valid)).Count - 1, root.GetProperty("tokens").GetInt32());
        Assert.Equal(1, root.GetProperty("unknown").GetInt32()); // "zebra"
    }

    [Fact]
    public void Sample_GeneratesLengthWordsAsText_AfterThePrime()
    {
        var (code, output, err) = CliHarness.Run("sample", "--checkpoint", _output, "--prime", "The cat", "--length",
            "12", "--seed", "3");
        Assert.True(code == 0, err);
        Assert.StartsWith("The cat ", output);
        var vocabulary = WordVocabulary.FromText(File.ReadAllText(_train), 2, lowercase: true);
        string generated = output["The cat".Length..].TrimEnd('\r', '\n');
        // 12 tokens: words and marks of the vocabulary, the line breaks being <eos>
        int tokens = WordTokenizer.Tokenize(generated.Replace("\n", " \n "), lowercase: true)
            .Count(t => t != WordTokenizer.EndOfLine) + generated.Count(c => c == '\n');
        Assert.Equal(12, tokens);
    }

    [Fact]
    public void BadInput_IsOneLine_AndOverwritesNothing()
    {
        var before = TinyTraining.Snapshot(_output);
        CliHarness.AssertBadInput("vocabulary is empty", [
            "train", "--tokens", "words", "--data", _train, "--min-count", "100000", "--max-steps", "2",
            "--out", _output]);
        CliHarness.AssertBadInput("--tie-weights needs --embedding equal to --hidden", [
            "train", "--tokens", "words", "--data", _train, "--tie-weights", "--embedding", "6", "--hidden", "8",
            "--max-steps", "2", "--out", _output]);
        CliHarness.AssertBadInput("--prime: none of its words", "sample", "--checkpoint", _output, "--prime",
            "zebra giraffe");
        CliHarness.AssertBadInput("apply to --tokens words", "train", "--data", _train, "--min-count", "2",
            "--max-steps", "2", "--out", _output);
        TinyTraining.AssertUnchanged(before, _output);
    }

    [Fact]
    public void Recipe_SetsThePyTorchExample_AndGivenFlagsWin()
    {
        var o = Recurrent.Cli.Commands.TrainRecipes.Apply(new Recurrent.Cli.Commands.TrainOptions(), "pytorch-word-lm",
            name => name == "--hidden");
        Assert.Equal(("words", 200, 128, 2, 0.2, 20, 35), (o.Tokens, o.Embedding, o.Hidden, o.Layers, o.Dropout,
            o.BatchSize, o.SeqLength));
        Assert.Equal(("sgd", 20.0, 0.25, 4.0, 6), (o.Optimizer, o.LearningRate, o.GradClip, o.AnnealFactor,
            o.Epochs));
    }

    [Fact]
    public void Characters_StayTheDefault_AndValidValidatesOnTheFile()
    {
        string output = Path.Combine(_directory, "chars");
        var (code, text, err) = CliHarness.Run("train", "--data", _train, "--valid", _valid, "--hidden", "8",
            "--layers", "1", "--seq-length", "8", "--batch-size", "4", "--max-steps", "2", "--eval-every", "2",
            "--out", output);
        Assert.True(code == 0, err);
        Assert.Contains("nats/char", text);
        var (_, vocabulary, _) = CharLanguageModelCheckpoint.LoadWithTokens(Path.Combine(output, "last.safetensors"));
        Assert.IsType<CharVocabulary>(vocabulary);
        Assert.Contains("z", vocabulary.Symbols); // the validation file's characters are in the vocabulary
    }
}
