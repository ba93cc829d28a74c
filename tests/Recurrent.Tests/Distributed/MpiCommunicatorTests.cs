using Recurrent.Cli;
using Recurrent.Tests.Cli;
using Recurrent.Tests.Training;

namespace Recurrent.Tests.Distributed;

/// <summary>The Open MPI binding, exercised in real ranks started by mpirun (MPI initialises once per process, so
/// never in the test host), and the promise that the single-process path never loads libmpi.</summary>
[Collection(OpenMpiCollection.Name)]
public sealed class MpiCommunicatorTests
{
    [MpirunFact]
    public void MpiCheck_OnTwoRanks_SumsBroadcastsAndBarriersExactly()
    {
        // Exact sums of small integers, a byte pattern broadcast from rank 0, checked on every rank (CommunicatorCheck)
        var (code, output, err) = MpiRun.Cli(2, "mpi-check", "--floats", "1000", "--repeats", "2");
        Assert.True(code == 0, $"exit {code}\n{output}\n{err}");
        Assert.Matches(@"mpi ok: 2 ranks; allreduce of 1,000 floats [0-9.]+ ms \(bus bandwidth [0-9.]+ GB/s\)", output);
        // only rank 0 prints
        Assert.Single(output.Split('\n'), l => l.Contains("mpi ok", StringComparison.Ordinal));
    }

    [MpirunFact]
    public void MpiCheck_OnThreeRanks_SumsAnOddGroupExactly()
    {
        // 3 ranks: the sum 6·(i mod 7 + 1) differs from any 2-rank result, and a ring of 3 splits 1001 unevenly
        var (code, output, err) = MpiRun.Cli(3, "mpi-check", "--floats", "1001", "--repeats", "1");
        Assert.True(code == 0, $"exit {code}\n{output}\n{err}");
        Assert.Contains("mpi ok: 3 ranks", output);
    }

    [Fact]
    public void SingleProcessTraining_NeverLoadsLibmpi()
    {
        var directory = Directory.CreateTempSubdirectory("no-mpi-").FullName;
        try
        {
            string corpus = TinyTraining.WriteCorpus(directory);
            var (code, _, err) = CliHarness.Run("train", "--data", corpus, "--hidden", "4", "--layers", "1",
                "--seq-length", "4", "--batch-size", "2", "--max-steps", "2", "--out", Path.Combine(directory, "o"));
            Assert.True(code == Program.Success, err);
            Assert.False(MpiRun.LoadedHere(), "libmpi is mapped into a process that never asked for MPI");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
