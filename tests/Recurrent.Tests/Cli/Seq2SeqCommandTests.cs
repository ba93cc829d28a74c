using System.Text.Json;
using Recurrent.Cli;
using Recurrent.Parameters.Serialization;

namespace Recurrent.Tests.Cli;

/// <summary>
/// <c>recurrent seq2seq</c> end to end on a tiny reversal task: split, train (checkpoints), eval (--json keys and
/// values in range), decode (stdin to stdout, one line each), attention (an SVG); and the bad-input contract: a line
/// without a tab, an empty side, another kind of checkpoint, an --out that holds a run (nothing overwritten).
/// </summary>
public sealed class Seq2SeqCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"s2s-cli-{Guid.NewGuid():N}");

    public Seq2SeqCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, IEnumerable<string> lines)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static IEnumerable<string> Reversals(int seed, int count)
    {
        var rng = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var letters = Enumerable.Range(0, rng.Next(2, 5)).Select(_ => (char)('a' + rng.Next(4))).ToArray();
            yield return $"{new string(letters)}\t{new string([.. letters.Reverse()])}";
        }
    }

    private static readonly string[] Small =
        ["--embedding", "8", "--hidden", "8", "--decoder-hidden", "16", "--batch-size", "16"];

    [Fact]
    public void TrainEvalDecodeAttention_WorkTogether()
    {
        string all = Write("all.tsv", Reversals(1, 400));
        var (code, output, err) = CliHarness.Run("seq2seq", "split", "--data", all, "--out",
            Path.Combine(_dir, "split"), "--seed", "3");
        Assert.True(code == Program.Success, err);
        Assert.Contains("train.tsv", output);
        string train = Path.Combine(_dir, "split", "train.tsv"), valid = Path.Combine(_dir, "split", "valid.tsv");
        string run = Path.Combine(_dir, "run");
        (code, output, err) = CliHarness.Run(["seq2seq", "train", "--data", train, "--valid", valid, "--out", run,
            "--epochs", "2", "--attention", "bahdanau", .. Small]);
        Assert.True(code == Program.Success, err);
        Assert.Contains("validation WER", output);
        Assert.True(File.Exists(Path.Combine(run, "best.safetensors")));
        Assert.True(File.Exists(Path.Combine(run, "last.safetensors")));

        (code, output, err) = CliHarness.Run("seq2seq", "eval", "--checkpoint", run, "--data", valid, "--beam", "3",
            "--json");
        Assert.True(code == Program.Success, err);
        using var json = JsonDocument.Parse(output);
        double wer = json.RootElement.GetProperty("wer").GetDouble(), per = json.RootElement.GetProperty("per")
            .GetDouble();
        Assert.InRange(wer, 0, 1);
        Assert.InRange(per, 0, 10);
        Assert.True(json.RootElement.GetProperty("sources").GetInt32() > 0);

        var error = new StringWriter();
        var stdout = new StringWriter();
        code = Program.Run(["seq2seq", "decode", "--checkpoint", run],
            CliContext.ForWriters(stdout, error) with { In = new StringReader("abc\nddab\nabz\n") });
        Assert.True(code == Program.Success, error.ToString());
        Assert.Equal(3, stdout.ToString().Count(c => c == '\n')); // one line per source (an untrained output may be "")
        Assert.Contains("<unk>", error.ToString()); // "z" was never seen: the documented fallback, with a note

        string svg = Path.Combine(_dir, "a.svg");
        (code, _, err) = CliHarness.Run("seq2seq", "attention", "--checkpoint", run, "--text", "abcd", "--out", svg);
        Assert.True(code == Program.Success, err);
        Assert.StartsWith("<svg", File.ReadAllText(svg));

        // a second train into the same folder must not overwrite the run
        var before = File.ReadAllBytes(Path.Combine(run, "best.safetensors"));
        CliHarness.AssertBadInput("already holds a run",
            ["seq2seq", "train", "--data", train, "--out", run, "--epochs", "1", .. Small]);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(run, "best.safetensors")));
    }

    [Fact]
    public void BadInput_GivesOneLineErrors()
    {
        string noTab = Write("notab.tsv", ["ab\tba", "abc cba"]);
        CliHarness.AssertBadInput("notab.tsv:2:1: expected source<TAB>target",
            "seq2seq", "train", "--data", noTab, "--out", Path.Combine(_dir, "x"));
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
        CliHarness.AssertBadInput("data file", "seq2seq", "train", "--data", Path.Combine(_dir, "missing.tsv"),
            "--out", Path.Combine(_dir, "m"));
        string emptyTarget = Write("empty.tsv", ["ab\tba", "abc\t "]);
        CliHarness.AssertBadInput("the target (after the tab) is empty",
            "seq2seq", "train", "--data", emptyTarget, "--out", Path.Combine(_dir, "y"));
        string other = Path.Combine(_dir, "other.safetensors");
        new SafetensorsFile([new SafetensorsTensor("w", SafetensorsDType.F32, [1], new byte[4])],
            new Dictionary<string, string> { ["format"] = "recurrent-sequence/1" }).Write(other);
        CliHarness.AssertBadInput("expected recurrent-seq2seq/1",
            "seq2seq", "eval", "--checkpoint", other, "--data", noTab);
        CliHarness.AssertBadInput("--teacher-forcing must be ≤ 1",
            "seq2seq", "train", "--data", noTab, "--out", Path.Combine(_dir, "z"), "--teacher-forcing", "1.5");
    }
}
