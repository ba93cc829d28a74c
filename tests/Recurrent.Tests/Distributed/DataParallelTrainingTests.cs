using System.Globalization;
using Recurrent.Cli;
using Recurrent.Tests.Cli;
using Recurrent.Tests.Training;

namespace Recurrent.Tests.Distributed;

/// <summary>
/// `mpirun -np N recurrent train` against one process with the same B: the loss curves agree step by step within
/// 1e-5 relative (only the order of float32 sums differs: each rank sums the gradient of B/N streams and the allreduce
/// adds the ranks'), and checkpoints cross between rank counts. LSTM 2×16 without dropout (dropout masks are drawn per
/// rank, so with dropout the curves agree only in distribution).
/// </summary>
[Collection(OpenMpiCollection.Name)]
public sealed class DataParallelTrainingTests : IDisposable
{
    private const double Tolerance = 1e-5; // relative, on every step's training loss and every validation loss
    private readonly string _directory = Directory.CreateTempSubdirectory("mpi-train-").FullName;
    private readonly string _corpus;

    public DataParallelTrainingTests() => _corpus = TinyTraining.WriteCorpus(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string[] Tiny(string output, params string[] more) =>
        ["train", "--data", _corpus, "--hidden", "16", "--layers", "2", "--seq-length", "8", "--batch-size", "4",
         "--learning-rate", "0.01", "--curve-every", "1", "--eval-every", "20", "--sample-every", "0",
         "--threads", "1", "--out", Path.Combine(_directory, output), .. more];

    [MpirunFact]
    public void TwoRanks_TrainTheLossCurveOfOneProcess_Over100Steps()
    {
        var (code, output, err) = MpiRun.Cli(2, Tiny("two", "--max-steps", "100"));
        Assert.True(code == 0, $"exit {code}\n{output}\n{err}");
        Assert.Contains("data-parallel on 2 ranks × 2 streams", output);
        Assert.Single(output.Split('\n'), l => l.StartsWith("done (reached 100 steps)", StringComparison.Ordinal));
        var one = CliHarness.Run(Tiny("one", "--max-steps", "100"));
        Assert.True(one.Code == Program.Success, one.Err);

        var (distributed, single) = (Curve("two"), Curve("one"));
        Assert.Equal(100, single.Count);
        AssertSameCurve(single, distributed);
    }

    [MpirunFact]
    public void Checkpoints_ResumeOnAnotherNumberOfRanks_AlongTheSameCurve()
    {
        // 40 steps on 2 ranks, then to 60 in one process; and 40 in one process, then to 60 on 2 ranks
        var first = MpiRun.Cli(2, Tiny("a", "--max-steps", "40"));
        Assert.True(first.Code == 0, first.Out + first.Err);
        var resumed = CliHarness.Run(Tiny("a", "--resume", Path.Combine(_directory, "a"), "--max-steps", "60"));
        Assert.True(resumed.Code == Program.Success, resumed.Err);

        Assert.True(CliHarness.Run(Tiny("b", "--max-steps", "40")).Code == Program.Success);
        var second = MpiRun.Cli(2, Tiny("b", "--resume", Path.Combine(_directory, "b"), "--max-steps", "60"));
        Assert.True(second.Code == 0, second.Out + second.Err);
        Assert.Contains("resuming at step 40", second.Out);

        Assert.True(CliHarness.Run(Tiny("straight", "--max-steps", "60")).Code == Program.Success);
        var straight = Curve("straight");
        AssertSameCurve(straight, Curve("a"));
        AssertSameCurve(straight, Curve("b"));
    }

    [MpirunFact]
    public void BatchNotDivisibleByRanks_IsRefusedOnOneLine()
    {
        var (code, _, err) = MpiRun.Cli(3, Tiny("c", "--max-steps", "5"));
        Assert.NotEqual(0, code);
        Assert.Contains("batch size 4 is not a multiple of the 3 ranks", err);
        Assert.DoesNotContain("   at ", err);
        Assert.False(Directory.Exists(Path.Combine(_directory, "c")), "nothing may be written");
    }

    [MpirunFact]
    public void RankThatDies_EndsTheJob_AndTheLastCheckpointResumes()
    {
        // rank 1 is killed (SIGKILL, no goodbye) once the first checkpoint is on disk, mid-training; rank 0, waiting
        // in the allreduce, must not hang: mpirun ends the job and names the rank
        string folder = Path.Combine(_directory, "died");
        string train = string.Join(' ', [.. MpiRun.Command, .. Tiny("died", "--max-steps", "10000000")]);
        string killer = $"{train} & pid=$!; while [ ! -f {folder}/last.state.safetensors ]; do sleep 0.1; done; " +
            "sleep 0.5; kill -9 $pid; wait $pid";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, output, err) = MpiRun.Launch(["-np", "1", .. MpiRun.Command,
            .. Tiny("died", "--max-steps", "10000000"), ":", "-np", "1", "sh", "-c", killer]);
        Assert.NotEqual(0, code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"the job took {clock.Elapsed} to stop");
        // mpirun's words for "rank 1 died": by a signal, or (here, behind sh) with a non-zero status
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(output + err,
            @"process rank 1 .*exited on signal|Process name: \[\[\d+,\d+\],1\]"), output + err);

        long saved = Recurrent.Training.TrainingState.Load(Path.Combine(folder, "last.state.safetensors")).Step;
        var resumed = CliHarness.Run(Tiny("died", "--resume", folder, "--max-steps", $"{saved + 2}"));
        Assert.True(resumed.Code == Program.Success, resumed.Err);
        Assert.Contains($"resuming at step {saved}", resumed.Out);
    }

    private List<(long Step, double Train, double? Validation)> Curve(string output) =>
        File.ReadAllLines(Path.Combine(_directory, output, "curve.csv")).Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            double? validation = cells[2].Length > 0 ? double.Parse(cells[2], CultureInfo.InvariantCulture) : null;
            return (long.Parse(cells[0], CultureInfo.InvariantCulture),
                double.Parse(cells[1], CultureInfo.InvariantCulture), validation);
        }).ToList();

    private static void AssertSameCurve(List<(long Step, double Train, double? Validation)> expected,
        List<(long Step, double Train, double? Validation)> actual)
    {
        Assert.Equal(expected.Select(p => p.Step), actual.Select(p => p.Step));
        for (int i = 0; i < expected.Count; i++)
        {
            AssertClose(expected[i].Train, actual[i].Train, $"training loss at step {expected[i].Step}");
            Assert.Equal(expected[i].Validation is null, actual[i].Validation is null);
            if (expected[i].Validation is double v)
                AssertClose(v, actual[i].Validation!.Value, $"validation loss at step {expected[i].Step}");
        }
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        double relative = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(relative <= Tolerance, $"{what}: {actual} vs one process {expected}, relative {relative:E2}");
    }
}
