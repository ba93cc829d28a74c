using System.Text.Json;
using Recurrent.Cli;
using Recurrent.Tests.Classification;

namespace Recurrent.Tests.Cli;

/// <summary>recurrent classify train|eval|predict|split end to end on tiny data, and their bad-input
/// contract.</summary>
public sealed class ClassifyCommandTests(ClassifyRunFixture fixture) : IDisposable, IClassFixture<ClassifyRunFixture>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("classify-").FullName;
    private readonly string _train = fixture.Train, _run = fixture.Run;
    private string? _test;

    private string Test => _test ??= Write("test.tsv", ClassifyFixtures.LastLetterTsv(60, 2));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Train_LeavesBestAndLastCheckpoints_AndEvalJsonHasTheDocumentedFields()
    {
        foreach (string file in new[] { "best.safetensors", "last.safetensors", "last.state.safetensors" })
            Assert.True(File.Exists(Path.Combine(_run, file)), file);
        var (code, output, err) = CliHarness.Run("classify", "eval", "--checkpoint", _run, "--data", Test, "--json");
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        // The rule reads one letter: the trained model is near 100% (it passes 95% in the library test too).
        Assert.True(root.GetProperty("accuracy").GetDouble() >= 0.9, output);
        Assert.Equal(60, root.GetProperty("examples").GetInt32());
        Assert.True(root.GetProperty("loss").GetDouble() > 0);
        Assert.Equal(2, root.GetProperty("per_class").GetArrayLength());
    }

    [Fact]
    public void Eval_Text_ShowsTheConfusionMatrix_AndTheBaselinesBesideTheModel()
    {
        var (code, output, err) = CliHarness.Run("classify", "eval", "--checkpoint", _run, "--data", Test,
            "--baselines", _train);
        Assert.True(code == 0, err);
        Assert.Contains("confusion matrix", output);
        Assert.Contains("majority class", output);
        Assert.Contains("last-1-letter naive Bayes", output);
    }

    [Fact]
    public void Predict_AnswersOneLabelAndProbabilityPerLine()
    {
        var (code, output, err) = CliHarness.RunWithInput("bcda\ncab\n", "classify", "predict", "--checkpoint", _run);
        Assert.True(code == 0, err);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("ends-a\t", lines[0]);
        Assert.StartsWith("other\t", lines[1]);
        double p = double.Parse(lines[0].Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(p, 0.5, 1.0);
    }

    [Fact]
    public void Predict_AnEmptyLine_IsNamed()
    {
        var (code, _, err) = CliHarness.RunWithInput("abc\n\n", "classify", "predict", "--checkpoint", _run);
        Assert.Equal(Program.BadInput, code);
        Assert.Contains("stdin:2", err);
    }

    [Fact]
    public void Train_IntoAFolderHoldingARun_RefusesAndLeavesItUntouched()
    {
        string last = Path.Combine(_run, "last.safetensors");
        byte[] before = File.ReadAllBytes(last);
        CliHarness.AssertBadInput("--resume", "classify", "train", "--data", _train, "--out", _run, "--epochs", "1");
        Assert.Equal(before, File.ReadAllBytes(last));
    }

    [Fact]
    public void Resume_ContinuesTheRun()
    {
        string run = Path.Combine(_directory, "resumed");
        Directory.CreateDirectory(run);
        foreach (string file in Directory.GetFiles(_run)) File.Copy(file, Path.Combine(run, Path.GetFileName(file)));
        var (code, output, err) = CliHarness.Run("classify", "train", "--data", _train, "--out", run, "--resume",
            "--epochs", "22", "--batch-size", "16", "--learning-rate", "0.02", "--seed", "3");
        Assert.True(code == 0, err);
        Assert.Contains("done", output);
    }

    [Fact]
    public void Eval_WithALabelTheModelNeverSaw_IsOneLineNamingIt()
    {
        string test = Write("unknown.tsv", "ends-a\tba\nneither\tcab\n");
        string err = CliHarness.AssertBadInput("got \"neither\"", "classify", "eval", "--checkpoint", _run, "--data",
            test);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("a\tabc\nb\n", "expected a label and a tab")]
    [InlineData("a\tabc\nb\t\n", "expected text after the label")]
    public void Train_OnAMalformedTsv_NamesTheLine_AndWritesNothing(string text, string expected)
    {
        string data = Write("bad.tsv", text), output = Path.Combine(_directory, "bad-run");
        CliHarness.AssertBadInput(expected, "classify", "train", "--data", data, "--out", output);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFiles(output).Any());
    }

    [Fact]
    public void Train_OnARaggedCsv_NamesTheRow()
    {
        string data = Write("bad.csv", "id,step,f1,f2,label\n1,1,0.5,0.2,x\n1,2,0.5,y\n");
        CliHarness.AssertBadInput("bad.csv:3", "classify", "train", "--data", data, "--out",
            Path.Combine(_directory, "csv-run"));
    }

    [Fact]
    public void Train_OnIdxFilesOfDifferentLengths_SaysSo()
    {
        string images = Path.Combine(_directory, "images"), labels = Path.Combine(_directory, "labels");
        File.WriteAllBytes(images, [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 9]);
        File.WriteAllBytes(labels, [0, 0, 8, 1, 0, 0, 0, 2, 1, 0]);
        CliHarness.AssertBadInput("one label per image", "classify", "train", "--images", images, "--labels", labels,
            "--out", Path.Combine(_directory, "idx-run"));
    }

    [Fact]
    public void Train_OnFeatureCsv_ThenPredictReadsCommaSeparatedSteps()
    {
        string data = Write("sign.csv", ClassifyFixtures.SignCsv(60, 4)), output = Path.Combine(_directory, "csv");
        var (code, _, err) = CliHarness.Run("classify", "train", "--data", data, "--out", output, "--hidden", "6",
            "--epochs", "2", "--pool", "mean", "--model", "gru");
        Assert.True(code == 0, err);
        var (predictCode, predicted, predictErr) = CliHarness.RunWithInput("0.5,0.1,0.7,0.2\n", "classify", "predict",
            "--checkpoint", output);
        Assert.True(predictCode == 0, predictErr);
        Assert.Matches(@"^(up|down)\t[01]\.\d{4}\s*$", predicted);
        CliHarness.AssertBadInput("reads features", "classify", "eval", "--checkpoint", output, "--data", Test);
    }

    [Fact]
    public void Split_IsSeeded_AndRefusesToOverwrite()
    {
        string a = Path.Combine(_directory, "a"), b = Path.Combine(_directory, "b");
        var (code, _, err) = CliHarness.Run("classify", "split", "--data", _train, "--train-out", a + ".train",
            "--test-out", a + ".test", "--seed", "9");
        Assert.True(code == 0, err);
        CliHarness.Run("classify", "split", "--data", _train, "--train-out", b + ".train", "--test-out", b + ".test",
            "--seed", "9");
        Assert.Equal(File.ReadAllText(a + ".test"), File.ReadAllText(b + ".test"));
        Assert.Equal((40, 160), (File.ReadAllLines(a + ".test").Length, File.ReadAllLines(a + ".train").Length));
        Assert.Equal(File.ReadAllLines(_train).Order(), File.ReadAllLines(a + ".test")
            .Concat(File.ReadAllLines(a + ".train")).Order());
        CliHarness.AssertBadInput("not overwriting", "classify", "split", "--data", _train, "--train-out",
            a + ".train", "--test-out", Path.Combine(_directory, "c.test"));
    }

    [Fact]
    public void Mirror_OnText_IsRefused() =>
        CliHarness.AssertBadInput("--mirror", "classify", "train", "--data", _train, "--mirror", "--out",
            Path.Combine(_directory, "mirror-run"));

    [Fact]
    public void Mirror_OnTheBundledImages_TrainsOnTwiceTheTrainingImages()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Recurrent.sln"))) root = Path.GetDirectoryName(root)!;
        var (code, output, err) = CliHarness.Run("classify", "train", "--images",
            Path.Combine(root, "data", "fashion-mnist-1k-images-idx3-ubyte.gz"), "--labels",
            Path.Combine(root, "data", "fashion-mnist-1k-labels-idx1-ubyte.gz"), "--mirror", "--hidden", "4",
            "--epochs", "1", "--out", Path.Combine(_directory, "images"));
        Assert.True(code == 0, err);
        Assert.Contains("1,800 training and 100 validation sequences", output); // 900 kept, mirrored: 1,800
    }

    [Fact]
    public void LogEvery_PrintsTheTrainingLossEveryNSteps_AndANegativeOneIsRefused()
    {
        // 20 sequences (18 kept), batches of 4: 5 steps an epoch, 10 in two; every 3rd step is logged
        string data = Write("small.tsv", ClassifyFixtures.LastLetterTsv(20, 4));
        var (code, output, err) = CliHarness.Run("classify", "train", "--data", data, "--hidden", "4",
            "--batch-size", "4", "--epochs", "2", "--log-every", "3", "--threads", "1", "--out",
            Path.Combine(_directory, "logged"));
        Assert.True(code == 0, err);
        var steps = System.Text.RegularExpressions.Regex.Matches(output, @"^step +(\d+) +loss \S+",
            System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => m.Groups[1].Value);
        Assert.Equal(["3", "6", "9"], steps);
        CliHarness.AssertBadInput("--log-every must be ≥ 0, got -1", "classify", "train", "--data", data,
            "--log-every", "-1", "--out", Path.Combine(_directory, "never"));
        Assert.False(Directory.Exists(Path.Combine(_directory, "never")));
    }
}
