using System.Globalization;
using System.Text.RegularExpressions;
using Recurrent.Cli;
using Recurrent.Sequences;
using Recurrent.Tests.Classification;
using Recurrent.Tests.Cli;
using Recurrent.Training;

namespace Recurrent.Tests.Distributed;

/// <summary>
/// `mpirun -np N recurrent classify train` (the general <see cref="SequenceTrainer"/> data-parallel) against one
/// process with the same batch: the loss curves agree step by step within 1e-5 relative, and checkpoints cross between
/// rank counts. The batch of 5 splits 2 + 3 over 2 ranks, each epoch's batch of 1 leaves one rank nothing, and the
/// classes are weighted (--balance-classes), so the test fails unless each rank's mean is weighed by its share of the
/// batch's class weight, not by 1/N. LSTM 1×8
/// without dropout (dropout masks are drawn per rank, so with dropout the curves agree only in distribution).
/// </summary>
[Collection(OpenMpiCollection.Name)]
public sealed class DataParallelClassifyTests : IDisposable
{
    private const double Tolerance = 1e-5; // relative, on every step's training loss and every validation loss
    private readonly string _directory = Directory.CreateTempSubdirectory("mpi-classify-").FullName;
    private readonly string _data;

    public DataParallelClassifyTests()
    {
        _data = Path.Combine(_directory, "train.tsv");
        // 81 training sequences (9 held out): 16 batches of 5 and one of 1, which leaves one of 2 ranks no share
        File.WriteAllText(_data, ClassifyFixtures.LastLetterTsv(90, 5));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string[] Tiny(string output, int epochs, params string[] more) =>
        ["classify", "train", "--data", _data, "--hidden", "8", "--batch-size", "5", "--learning-rate", "0.02",
         "--balance-classes", "--log-every", "1", "--threads", "1", "--epochs", $"{epochs}",
         "--out", Path.Combine(_directory, output), .. more];

    [MpirunFact]
    public void TwoRanks_TrainTheLossCurveOfOneProcess_Over100Steps()
    {
        var (code, output, err) = MpiRun.Cli(2, Tiny("two", 6)); // 102 steps
        Assert.True(code == 0, $"exit {code}\n{output}\n{err}");
        Assert.Contains("data-parallel on 2 ranks", output);
        Assert.Single(output.Split('\n'), l => l.StartsWith("done (completed 6 epochs)", StringComparison.Ordinal));
        var one = CliHarness.Run(Tiny("one", 6));
        Assert.True(one.Code == Program.Success, one.Err);

        var single = Curve(one.Out);
        Assert.Equal(102, single.Steps.Count);
        Assert.Equal(6, single.Validation.Count);
        AssertSameCurve(single, Curve(output));
    }

    [MpirunFact]
    public void Checkpoints_ResumeOnAnotherNumberOfRanks_AlongTheSameCurve()
    {
        // 2 epochs on 2 ranks, then to 4 in one process; and 2 in one process, then to 4 on 2 ranks
        var first = MpiRun.Cli(2, Tiny("a", 2));
        Assert.True(first.Code == 0, first.Out + first.Err);
        var resumedOne = CliHarness.Run(Tiny("a", 4, "--resume"));
        Assert.True(resumedOne.Code == Program.Success, resumedOne.Err);

        Assert.True(CliHarness.Run(Tiny("b", 2)).Code == Program.Success);
        var resumedTwo = MpiRun.Cli(2, Tiny("b", 4, "--resume"));
        Assert.True(resumedTwo.Code == 0, resumedTwo.Out + resumedTwo.Err);

        var straight = CliHarness.Run(Tiny("straight", 4));
        Assert.True(straight.Code == Program.Success, straight.Err);
        var (whole, afterOne, afterTwo) = (Curve(straight.Out), Curve(resumedOne.Out), Curve(resumedTwo.Out));
        Assert.Equal(Enumerable.Range(35, 34).Select(s => (long)s), afterOne.Steps.Select(p => p.Step));
        var secondHalf = new CurveLog([.. whole.Steps.Skip(34)], [.. whole.Validation.Skip(2)]);
        AssertSameCurve(secondHalf, afterOne);
        AssertSameCurve(secondHalf, afterTwo);
    }

    [MpirunFact]
    public void RankThatDies_EndsTheJob_AndTheLastCheckpointResumes()
    {
        // rank 1 is killed (SIGKILL, no goodbye) once the first checkpoint is on disk, mid-training; rank 0, waiting
        // in the allreduce, must not hang: mpirun ends the job and names the rank
        string folder = Path.Combine(_directory, "died");
        string[] forever = Tiny("died", 1_000_000, "--patience", "1000000");
        string train = string.Join(' ', [.. MpiRun.Command, .. forever]);
        string killer = $"{train} & pid=$!; while [ ! -f {folder}/last.state.safetensors ]; do sleep 0.1; done; " +
            "sleep 0.5; kill -9 $pid; wait $pid";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, output, err) =
            MpiRun.Launch(["-np", "1", .. MpiRun.Command, .. forever, ":", "-np", "1", "sh", "-c", killer]);
        Assert.NotEqual(0, code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"the job took {clock.Elapsed} to stop");
        Assert.True(Regex.IsMatch(output + err, @"process rank 1 .*exited on signal|Process name: \[\[\d+,\d+\],1\]"),
            output + err);

        var saved = TrainingState.Load(Path.Combine(folder, "last.state.safetensors"))
            .GetJson<SequenceTrainerState>("sequence_trainer");
        var resumed = CliHarness.Run(Tiny("died", saved.Epoch + 1, "--patience", "1000000", "--resume"));
        Assert.True(resumed.Code == Program.Success, resumed.Err);
        Assert.Contains($"done (completed {saved.Epoch + 1} epochs)", resumed.Out);
    }

    [MpirunFact]
    public void BadInput_OnEveryRank_IsOneLineAndWritesNothing()
    {
        var (code, _, err) = MpiRun.Cli(2, Tiny("bad", 2, "--dropout", "1.5"));
        Assert.NotEqual(0, code);
        Assert.Contains("--dropout must be below 1, got 1.5", err);
        Assert.DoesNotContain("   at ", err);
        Assert.False(Directory.Exists(Path.Combine(_directory, "bad")), "nothing may be written");
    }

    private sealed record CurveLog(List<(long Step, double Loss)> Steps, List<double> Validation);

    /// <summary>The "step N loss L" lines of --log-every 1 and the validation losses of the epoch lines.</summary>
    private static CurveLog Curve(string output)
    {
        var steps = Regex.Matches(output, @"^step +(\d+) +loss (\S+)", RegexOptions.Multiline)
            .Select(m => (long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
                double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        var validation = Regex.Matches(output, @"validation loss (\S+)")
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        return new CurveLog(steps, validation);
    }

    private static void AssertSameCurve(CurveLog expected, CurveLog actual)
    {
        Assert.Equal(expected.Steps.Select(p => p.Step), actual.Steps.Select(p => p.Step));
        for (int i = 0; i < expected.Steps.Count; i++)
            AssertClose(expected.Steps[i].Loss, actual.Steps[i].Loss,
                $"training loss at step {expected.Steps[i].Step}");
        // the epoch lines print the validation loss to 4 decimals: within one unit of the last (1e-5 relative of a
        // loss near 1 could still round the other way)
        Assert.Equal(expected.Validation.Count, actual.Validation.Count);
        for (int i = 0; i < expected.Validation.Count; i++)
            Assert.True(Math.Abs(expected.Validation[i] - actual.Validation[i]) <= 1.0001e-4,
                $"validation loss {i + 1}: {actual.Validation[i]} vs one process {expected.Validation[i]}");
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        double relative = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(relative <= Tolerance, $"{what}: {actual} vs one process {expected}, relative {relative:E2}");
    }
}
