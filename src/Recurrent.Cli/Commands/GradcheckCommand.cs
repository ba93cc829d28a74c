using System.CommandLine;
using System.Globalization;
using Recurrent.Diagnostics;
using Recurrent.Lab.Examples;
using Spectre.Console;

namespace Recurrent.Cli.Commands;

/// <summary><c>recurrent gradcheck mlp</c>: proves the MLP's backward pass against finite differences in
/// float64.</summary>
public static class GradcheckCommand
{
    public static Command Create(CliContext context)
    {
        var seed =
            new Option<int>("--seed") { Description = "Seed for the weights, inputs and sampled entries",
            DefaultValueFactory = _ => 1 };
        var mlp =
            new Command("mlp",
            "Check a small tanh MLP (5-7-6-3, softmax cross-entropy, batch 4) and print the worst relative error per " +
            "parameter") { seed };
        mlp.SetAction(parse => Print(MlpGradientCheck.Run(parse.GetValue(seed)), context));
        return new Command("gradcheck",
            "Compare analytic gradients with central finite differences in float64") { mlp };
    }

    /// <summary>Prints a report as a table; exit code 1 when any parameter exceeds the tolerance.</summary>
    public static int Print(GradientCheckReport report, CliContext context)
    {
        var table =
            new Table().AddColumns("parameter", "shape", "entries", "worst rel. error", "at", "analytic", "numeric",
            "");
        foreach (var r in report.Results)
        {
            bool ok = r.Passes(report.Tolerance);
            table.AddRow(r.Name, "(" + string.Join(", ", r.Shape) + ")",
                r.EntriesChecked.ToString(CultureInfo.InvariantCulture),
                r.WorstRelativeError.ToString("0.00E+00", CultureInfo.InvariantCulture), r.WorstPosition,
                r.Analytic.ToString("G6", CultureInfo.InvariantCulture),
                    r.Numeric.ToString("G6", CultureInfo.InvariantCulture),
                ok ? "[green]ok[/]" : "[red]FAIL[/]");
        }
        context.Console.Write(table);
        string verdict = report.Passed ? "[green]passed[/]" : "[red]failed[/]";
        context.Console.MarkupLine($"worst relative error " +
            $"{report.WorstRelativeError.ToString("0.00E+00", CultureInfo.InvariantCulture)} (tolerance " +
            $"{report.Tolerance.ToString("0E+00", CultureInfo.InvariantCulture)}): {verdict}");
        return report.Passed ? Program.Success : Program.Failure;
    }
}
