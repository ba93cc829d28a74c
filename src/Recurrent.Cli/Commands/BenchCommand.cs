using System.CommandLine;

namespace Recurrent.Cli.Commands;

/// <summary><c>recurrent bench</c>: speed measurements (placeholder until the GEMM benchmark lands).</summary>
public static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var gemm = new Command("gemm", "GFLOP/s of the matrix multiply on square and RNN-shaped products");
        gemm.SetAction(_ => 0);
        _ = context;
        return new Command("bench", "Speed benchmarks") { gemm };
    }
}
