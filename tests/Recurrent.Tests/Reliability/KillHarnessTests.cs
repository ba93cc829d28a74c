using System.Text;
using Recurrent.Tests.Packaging;
using Xunit.Abstractions;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// SIGKILL at random moments, then resume (<see cref="KillHarness"/>): after every kill every checkpoint on disk
/// loads and the resumed run finishes, for `recurrent train` (the character model's trainer, which also ends with the
/// weights of a run never interrupted, bit for bit) and `recurrent classify train` (the general SequenceTrainer,
/// likewise). The suite runs
/// <see cref="CiKills"/> kills per command (30 in all); tools/kill-harness.sh sets RECURRENT_KILLS for the long run.
/// </summary>
[Collection(nameof(KillHarnessTests))] // child processes: not beside the other process-heavy tests
public sealed class KillHarnessTests(ITestOutputHelper output) : IDisposable
{
    private const int CiKills = 15;
    private readonly string _directory = Directory.CreateTempSubdirectory("kill-harness-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static int Kills =>
        int.TryParse(Environment.GetEnvironmentVariable("RECURRENT_KILLS"), out int n) && n > 0 ? n : CiKills;

    [DotnetFact]
    public void Train_KilledAtRandomMoments_ResumesToTheUninterruptedWeights()
    {
        var rng = new Random(11);
        string data = Path.Combine(_directory, "text.txt");
        File.WriteAllText(data, string.Concat(Enumerable.Range(0, 600).Select(_ =>
            new[] { "the ", "whale ", "sea ", "ship ", "and ", "Ahab ", "white ", ".\n" }[rng.Next(8)])));
        string[] Arguments(string output) =>
        [
            "train", "--data", data, "--hidden", "16", "--layers", "1", "--seq-length", "16", "--batch-size", "8",
            "--max-steps", "800", "--eval-every", "10", "--sample-every", "0", "--log-every", "1000", "--seed", "3",
            "--threads", "1", "--out", output,
        ];
        string reference = Path.Combine(_directory, "reference"), killed = Path.Combine(_directory, "killed");
        var harness = new KillHarness(killed, seed: 12);
        harness.RunToEnd(Arguments(reference));
        harness.RunWithKills(Kills, () => Arguments(killed), () => [.. Arguments(killed), "--resume", killed],
            () => File.Exists(Path.Combine(killed, "last.state.safetensors")));
        Report("train", harness);
        AssertNoUnfinishedWrites(harness);
        Assert.Null(KillHarness.WeightsDiffer(Path.Combine(reference, "last.safetensors"),
            Path.Combine(killed, "last.safetensors")));
    }

    [DotnetFact]
    public void ClassifyTrain_KilledAtRandomMoments_ResumesToTheUninterruptedWeights()
    {
        var rng = new Random(13);
        var lines = new StringBuilder();
        for (int i = 0; i < 120; i++)
        {
            string word = string.Concat(Enumerable.Range(0, rng.Next(3, 8)).Select(_ => (char)('a' + rng.Next(6))));
            lines.Append(word.Count(c => c == 'a') > 1 ? "many" : "few").Append('\t').Append(word).Append('\n');
        }
        string data = Path.Combine(_directory, "words.tsv");
        File.WriteAllText(data, lines.ToString());
        string[] Arguments(string output) =>
        [
            "classify", "train", "--data", data, "--out", output, "--epochs", "40", "--hidden", "8",
            "--batch-size", "8", "--patience", "1000", "--seed", "4",
        ];
        string reference = Path.Combine(_directory, "reference"), killed = Path.Combine(_directory, "killed");
        var harness = new KillHarness(killed, seed: 14);
        harness.RunToEnd(Arguments(reference));
        harness.RunWithKills(Kills, () => Arguments(killed), () => [.. Arguments(killed), "--resume"],
            () => File.Exists(Path.Combine(killed, "last.safetensors")));
        Report("classify train", harness);
        AssertNoUnfinishedWrites(harness);
        // Every checkpoint loaded after every kill, the resumed run finished, and it ends bit for bit on the
        // uninterrupted weights (it did not while a checkpoint at an epoch's end replayed that epoch's order).
        Assert.Null(KillHarness.WeightsDiffer(Path.Combine(reference, "last.safetensors"),
            Path.Combine(killed, "last.safetensors")));
    }

    /// <summary>The run finished by a resume leaves no temporary file of the writes the kills cut short (a resume
    /// deletes them; before, each kill during a write left one, as large as a checkpoint).</summary>
    private static void AssertNoUnfinishedWrites(KillHarness harness)
    {
        if (harness.FinalRunResumed) Assert.Empty(harness.UnfinishedWrites());
    }

    private void Report(string command, KillHarness harness) =>
        output.WriteLine($"{command}: {harness.Kills} kills ({harness.KillsWithCheckpoints} with checkpoints on " +
            $"disk, {harness.KillsDuringWrites} during a checkpoint write), every checkpoint loaded after each, the " +
            $"resumed run finished; {harness.UnfinishedWrites().Count} temporary files left at the end; " +
            $"uninterrupted run {harness.Uninterrupted.TotalSeconds:F1} s");
}
