using System.CommandLine;
using Recurrent.Cli.Commands;

namespace Recurrent.Cli;

/// <summary>Entry point: builds the command tree (one command per file) and turns failures into one-line
/// errors.</summary>
public static class Program
{
    /// <summary>Exit code of a run that finished.</summary>
    public const int Success = 0;

    /// <summary>Exit code when the work itself failed (e.g. training diverged).</summary>
    public const int Failure = 1;

    /// <summary>Exit code for bad input: unknown options, bad values, missing or malformed files.</summary>
    public const int BadInput = 2;

    // mpirun gives each rank a pseudo-terminal, yet many ranks' output interleaves in one: plain lines there.
    public static int Main(string[] args) =>
        Run(args, Distributed.MpiCommunicator.LaunchedByMpirun ? CliContext.ForWriters(Console.Out, Console.Error)
            : CliContext.ForConsole());

    /// <summary>Parses and runs <paramref name="args"/>, writing through <paramref name="context"/>; tests call this
    /// in-process.</summary>
    public static int Run(string[] args, CliContext context)
    {
        var root = BuildRoot(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line, whatever the number of errors, so scripts and people see the whole reason at once.
            string errors = string.Join("; ", parsed.Errors.Select(e => Plain(e.Message.TrimEnd('.'))));
            string help = ("recurrent " + CommandPath(parsed)).TrimEnd() + " --help";
            context.Error.WriteLine($"error: {errors} (see '{help}')");
            return BadInput;
        }
        return CommandRunner.Guard(context, () =>
            parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = context.Out,
                Error = context.Error }));
    }

    /// <summary>The whole command tree.</summary>
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Recurrent: recurrent neural networks trained by backpropagation through time.");
        root.Subcommands.Add(MlpCommand.Create(context));
        root.Subcommands.Add(GradcheckCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        root.Subcommands.Add(ExampleCommand.Create(context));
        root.Subcommands.Add(StabilityCommand.Create(context));
        root.Subcommands.Add(VanishingCommand.Create(context));
        root.Subcommands.Add(TrainCommand.Create(context));
        root.Subcommands.Add(SampleCommand.Create(context));
        root.Subcommands.Add(EvalCommand.Create(context));
        root.Subcommands.Add(TaskCommand.Create(context));
        root.Subcommands.Add(ClassifyCommand.Create(context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(ForecastCommand.Create(context));
        root.Subcommands.Add(MpiCheckCommand.Create(context));
        root.Subcommands.Add(Seq2SeqCommand.Create(context));
        return root;
    }

    /// <summary>
    /// The parser's conversion error names .NET types ("as expected type 'System.Nullable`1[System.Int32]'");
    /// users need the kind of value instead: "--epochs expects an integer, got 'NaN'".
    /// </summary>
    internal static string Plain(string message)
    {
        var m = System.Text.RegularExpressions.Regex.Match(message,
            @"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'$");
        if (!m.Success) return message;
        string type = m.Groups["type"].Value;
        string kind = type.Contains("Int32") || type.Contains("Int64") ? "an integer"
            : type.Contains("Double") || type.Contains("Single") ? "a number"
            : type.Contains("Boolean") ? "true or false"
            : "a value of another form";
        return $"{m.Groups["option"].Value} expects {kind}, got '{m.Groups["value"].Value}'";
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var r = parsed.CommandResult; r.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent)
            names.Insert(0, r.Command.Name);
        return string.Join(' ', names);
    }
}
