using System.Text.Json;
using Recurrent.Tests.Training;

namespace Recurrent.Tests.Cli;

/// <summary>recurrent sample and recurrent eval on a checkpoint of a tiny run.</summary>
public sealed class SampleEvalCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sample-eval-").FullName;
    private readonly string _corpus, _checkpoint;

    public SampleEvalCommandTests()
    {
        _corpus = TinyTraining.WriteCorpus(_directory);
        string output = Path.Combine(_directory, "out");
        var (code, _, err) =
            CliHarness.Run("train", "--data", _corpus, "--hidden", "8", "--layers", "1", "--seq-length", "8",
            "--batch-size", "4",
            "--max-steps", "5", "--eval-every", "5", "--out", output);
        Assert.True(code == 0, err);
        _checkpoint = Path.Combine(output, "last.safetensors");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Sample_WithTheSameSeed_IsTheSame_AndAnotherSeedDiffers()
    {
        var a = CliHarness.Run("sample", "--checkpoint", _checkpoint, "--length", "200", "--seed", "7");
        var b = CliHarness.Run("sample", "--checkpoint", _checkpoint, "--length", "200", "--seed", "7");
        var c = CliHarness.Run("sample", "--checkpoint", _checkpoint, "--length", "200", "--seed", "8");
        Assert.True(a.Code == 0, a.Err);
        Assert.Equal(a.Out, b.Out);
        Assert.NotEqual(a.Out, c.Out);
        // the generated text, then one line break
        Assert.Equal(200, a.Out[..^Environment.NewLine.Length].EnumerateRunes().Count());
    }

    [Fact]
    public void Sample_PrintsThePrimeFirst_AndArgmaxIsDeterministicWithoutASeed()
    {
        var a = CliHarness.Run("sample", "--checkpoint", _checkpoint, "--length", "30", "--prime", "the cat",
            "--argmax", "--seed", "1");
        var b = CliHarness.Run("sample", "--checkpoint", _checkpoint, "--length", "30", "--prime", "the cat",
            "--argmax", "--seed", "2");
        Assert.True(a.Code == 0, a.Err);
        Assert.StartsWith("the cat", a.Out);
        Assert.Equal(a.Out, b.Out);
    }

    [Fact]
    public void Sample_WithAPrimeCharacterOutsideTheVocabulary_NamesIt() =>
        CliHarness.AssertBadInput("'Z' (U+005A)", "sample", "--checkpoint", _checkpoint, "--prime", "the Zebra");

    [Fact]
    public void Sample_OfATrainingStateFile_SaysItIsAnotherFormat() =>
        CliHarness.AssertBadInput("format", "sample", "--checkpoint",
            Path.Combine(Path.GetDirectoryName(_checkpoint)!, "last.state.safetensors"));

    [Fact]
    public void Sample_OfATruncatedCheckpoint_IsRefused()
    {
        string path = Path.Combine(_directory, "cut.safetensors");
        File.WriteAllBytes(path, File.ReadAllBytes(_checkpoint)[..300]);
        CliHarness.AssertBadInput("cut.safetensors", "sample", "--checkpoint", path);
    }

    [Fact]
    public void EvalJson_HasExactlyTheFiveFields_AndCountsUnknownCharacters()
    {
        string text = TinyTraining.WriteCorpus(_directory, "the cat sat on the mat. ZZ the rat!", "eval.txt");
        var (code, output, err) = CliHarness.Run("eval", "--checkpoint", _checkpoint, "--data", text, "--json");
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["loss", "bpc", "perplexity", "chars", "skipped"], json.RootElement.EnumerateObject().Select(p =>
            p.Name));
        double loss = json.RootElement.GetProperty("loss").GetDouble();
        Assert.InRange(json.RootElement.GetProperty("bpc").GetDouble() - loss / Math.Log(2), -1e-12, 1e-12);
        Assert.InRange(json.RootElement.GetProperty("perplexity").GetDouble() - Math.Exp(loss), -1e-9, 1e-9);
        Assert.Equal(3, json.RootElement.GetProperty("skipped").GetInt64()); // Z, Z, !
        Assert.Equal("the cat sat on the mat.  the rat".Length - 1, json.RootElement.GetProperty("chars").GetInt64());
    }

    [Fact]
    public void Eval_PlainText_ReportsBitsAndSkipped()
    {
        string text = TinyTraining.WriteCorpus(_directory, "the cat sat on the mat! ", "eval.txt");
        var (code, output, err) = CliHarness.Run("eval", "--checkpoint", _checkpoint, "--data", text);
        Assert.True(code == 0, err);
        Assert.Contains("bits/char", output);
        Assert.Contains("skipped 1 characters", output);
    }

    [Fact]
    public void Eval_OfAnEmptyFile_IsRefused()
    {
        string text = TinyTraining.WriteCorpus(_directory, "", "empty.txt");
        CliHarness.AssertBadInput("empty", "eval", "--checkpoint", _checkpoint, "--data", text);
    }
}
