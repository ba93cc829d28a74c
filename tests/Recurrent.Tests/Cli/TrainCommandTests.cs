using Recurrent.Cli;
using Recurrent.Tests.Training;

namespace Recurrent.Tests.Cli;

/// <summary>recurrent train end to end on a tiny corpus: its files, and every kind of bad input refused with nothing in
/// --out overwritten.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("train-cli-").FullName;
    private readonly string _corpus, _out;

    public TrainCommandTests()
    {
        _corpus = TinyTraining.WriteCorpus(_directory);
        _out = Path.Combine(_directory, "out");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string[] Tiny(params string[] more) =>
        ["train", "--data", _corpus, "--hidden", "8", "--layers", "1", "--seq-length", "8", "--batch-size", "4",
            "--eval-every", "3",
         "--sample-every", "3", "--log-every", "2", "--out", _out, .. more];

    private Dictionary<string, (byte[] Bytes, DateTime Written)> TrainedOut()
    {
        var (code, _, err) = CliHarness.Run(Tiny("--max-steps", "4"));
        Assert.True(code == 0, err);
        return TinyTraining.Snapshot(_out);
    }

    [Fact]
    public void TinyRun_WritesCheckpointsCurveAndSample_AndLogsPlainLines()
    {
        var (code, output, err) = CliHarness.Run(Tiny("--max-steps", "6"));
        Assert.True(code == 0, err);
        foreach (var file in new[] { "last.safetensors", "last.state.safetensors", "best.safetensors", "curve.csv",
            "curve.svg", "sample.txt" })
            Assert.True(File.Exists(Path.Combine(_out, file)), $"{file} missing; output:\n{output}");
        // drawn by the CLI since plotting left the core
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(_out, "curve.svg")));
        Assert.Contains("step      2  epoch", output);
        Assert.Contains("bpc", output);
        Assert.Contains("chars/s", output);
        Assert.Contains("validation loss", output);
        Assert.Matches(@"validation loss [0-9.]+ nats/char \([0-9.]+ bpc\)  at 0:[0-5][0-9] into this run", output);
        Assert.Contains("sample at step 3", output);
        Assert.Contains("done (reached 6 steps): 6 steps", output);
    }

    [Fact]
    public void Resume_ContinuesFromTheSavedStep_TakingTheShapeFromTheCheckpoint()
    {
        TrainedOut();
        var (code, output, err) =
            CliHarness.Run("train", "--data", _corpus, "--resume", _out, "--max-steps", "6", "--eval-every", "3");
        Assert.True(code == 0, err);
        Assert.Contains("resuming at step 4", output);
        Assert.Contains("lstm 1×8", output);
    }

    [Theory]
    [InlineData("empty", "empty")]
    [InlineData("binary", "binary")]
    [InlineData("latin1", "UTF-8")]
    public void BadData_IsRefused_AndNothingInOutIsOverwritten(string kind, string expected)
    {
        var before = TrainedOut();
        string path = Path.Combine(_directory, kind + ".txt");
        File.WriteAllBytes(path, kind switch
        {
            "empty" => [],
            "binary" => [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x13, 0x37],
            _ => System.Text.Encoding.Latin1.GetBytes("café au lait, déjà vu"),
        });
        var args = Tiny("--max-steps", "8");
        args[Array.IndexOf(args, _corpus)] = path;
        CliHarness.AssertBadInput(expected, args);
        TinyTraining.AssertUnchanged(before, _out);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("state-as-weights")]
    [InlineData("truncated-state")]
    public void CorruptCheckpoint_OnResume_IsRefused_AndNothingIsOverwritten(string damage)
    {
        TrainedOut();
        string weights = Path.Combine(_out, "last.safetensors"), state = Path.Combine(_out, "last.state.safetensors");
        switch (damage)
        {
            case "truncated": File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..1000]); break;
            case "garbage": File.WriteAllText(weights, "this is not a checkpoint"); break;
            case "state-as-weights": File.Copy(state, weights, overwrite: true); break;
            default: File.WriteAllBytes(state, File.ReadAllBytes(state)[..500]); break;
        }
        var before = TinyTraining.Snapshot(_out);
        var (code, _, err) = CliHarness.Run("train", "--data", _corpus, "--resume", _out, "--max-steps", "8");
        Assert.True(code == Program.BadInput, $"exit {code}: {err}");
        Assert.StartsWith("error: ", err);
        Assert.Single(err.TrimEnd().Split('\n'));
        if (damage == "state-as-weights") Assert.Contains("format", err);
        TinyTraining.AssertUnchanged(before, _out);
    }

    [Fact]
    public void Resume_WithAnotherCorpus_IsRefused()
    {
        var before = TrainedOut();
        string other = TinyTraining.WriteCorpus(_directory, TinyTraining.OtherText, "other.txt");
        CliHarness.AssertBadInput("corpus", "train", "--data", other, "--resume", _out, "--max-steps", "8");
        TinyTraining.AssertUnchanged(before, _out);
    }

    [Theory]
    [InlineData("--hidden", "16", "hidden: saved 8, now 16")]
    [InlineData("--model", "gru", "model: saved lstm, now gru")]
    [InlineData("--seq-length", "5", "sequence length")]
    public void Resume_WithAnotherArchitecture_IsRefused(string option, string value, string expected)
    {
        var before = TrainedOut();
        CliHarness.AssertBadInput(expected, "train", "--data", _corpus, "--resume", _out, "--max-steps", "8", option,
            value);
        TinyTraining.AssertUnchanged(before, _out);
    }

    [Fact]
    public void Divergence_ExitsWithFailure_AndKeepsTheLastGoodCheckpoint()
    {
        var before = TrainedOut();
        var (code, _, err) =
            CliHarness.Run("train", "--data", _corpus, "--resume", _out, "--max-steps", "8", "--learning-rate", "1000",
            "--grad-clip", "0");
        Assert.True(code == Program.Failure, $"exit {code}: {err}");
        Assert.Contains("training diverged", err);
        Assert.Contains("Try a lower --learning-rate (now 1E+03) or --grad-clip.", err); // the flags, not LearningRate
        TinyTraining.AssertUnchanged(before, _out);
    }

    [Fact]
    public void OutThatIsAFile_IsRefusedBeforeTraining()
    {
        var args = Tiny("--max-steps", "2");
        args[Array.IndexOf(args, _out)] = _corpus;
        CliHarness.AssertBadInput("is a file", args);
    }

    [Fact]
    public void ResumeFolderWithoutAState_IsRefused() =>
        CliHarness.AssertBadInput("training state", "train", "--data", _corpus, "--resume", _directory, "--max-steps",
            "8");
}
