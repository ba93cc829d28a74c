using System.CommandLine;
using System.Globalization;
using Recurrent.Distributed;

namespace Recurrent.Cli.Commands;

/// <summary><c>mpirun -np N recurrent mpi-check</c>: proves the Open MPI setup (allreduce, broadcast, barrier) across
/// the ranks and times the allreduce; rank 0 prints.</summary>
public static class MpiCheckCommand
{
    public static Command Create(CliContext context)
    {
        var floats = OptionFactory.PositiveInt("--floats", "Elements per allreduce (float32)", 1_000_000);
        var repeats = OptionFactory.PositiveInt("--repeats", "Timed allreduces", 20);
        var command = new Command("mpi-check",
            "Check Open MPI across the ranks of 'mpirun -np N recurrent mpi-check' and time its allreduce")
        {
            floats, repeats,
        };
        command.SetAction(parse => Run(parse.GetValue(floats), parse.GetValue(repeats), context));
        return command;
    }

    /// <summary>Runs the check; exit code 1 when any value arrived wrong.</summary>
    public static int Run(int floats, int repeats, CliContext context)
    {
        using var mpi = MpiCommunicator.Initialize();
        var report = CommunicatorCheck.Run(mpi, floats, repeats);
        if (!report.Passed)
            throw new InvalidOperationException(
                $"MPI check failed on {report.Size} ranks: {report.WrongSums} wrong sums, {report.WrongBytes} wrong " +
                $"broadcast bytes");
        string bandwidth = report.Size > 1
            ? string.Create(CultureInfo.InvariantCulture, $"bus bandwidth {report.BusBytesPerSecond / 1e9:F2} GB/s")
            : "one rank: nothing crosses a link";
        if (report.Rank == 0)
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"mpi ok: {report.Size} ranks; allreduce of {floats:N0} floats {report.AllReduceSeconds * 1e3:F3} ms" +
                $" ({bandwidth}), broadcast and barrier ok"));
        return Program.Success;
    }
}
