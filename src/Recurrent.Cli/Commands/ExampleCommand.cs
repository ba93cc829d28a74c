using System.CommandLine;
using Recurrent.Examples;

namespace Recurrent.Cli.Commands;

/// <summary><c>recurrent example counting|binary-addition|parity</c>: the worked example and the length-generalisation tasks of SPEC §7.</summary>
public static class ExampleCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("example", "SPEC §7's worked example and tasks: counting, binary-addition, parity");
        command.Subcommands.Add(Counting(context));
        return command;
    }

    private static Command Counting(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var command = new Command("counting",
            "The course's worked example: forward values and gradients at the given weights, then gradient descent (η = 0.1) to convergence") { json };
        command.SetAction(parse => RunCounting(new CountingOptions { Json = parse.GetValue(json) }, context));
        return command;
    }

    /// <summary>Runs the worked example and prints it; returns the exit code.</summary>
    public static int RunCounting(CountingOptions options, CliContext context)
    {
        var report = CountingExample.Run(options.LearningRate, options.Tolerance);
        if (options.Json) context.Out.WriteLine(CountingPrinter.Json(report));
        else CountingPrinter.Text(report, options.LearningRate, options.Tolerance, context.Out);
        return report.Converged ? Program.Success : Program.Failure;
    }
}
