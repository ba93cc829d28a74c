using Spectre.Console;

namespace Recurrent.Cli;

/// <summary>Where a run writes: a Spectre console for tables and progress, and a plain writer for errors.</summary>
public sealed record CliContext(IAnsiConsole Console, TextWriter Out, TextWriter Error, bool Interactive)
{
    /// <summary>Where commands that read input line by line (<c>classify predict</c>) read it; standard input unless
    /// a test gives text.</summary>
    public TextReader In { get; init; } = System.Console.In;

    /// <summary>The process's console; progress bars only when a person is watching a terminal.</summary>
    public static CliContext ForConsole()
    {
        bool redirected = System.Console.IsOutputRedirected;
        if (redirected) return ForWriters(System.Console.Out, System.Console.Error); // plain text for files and pipes
        bool interactive = Environment.GetEnvironmentVariable("CI") is null;
        return new CliContext(AnsiConsole.Console, System.Console.Out, System.Console.Error, interactive);
    }

    /// <summary>A context writing plain text (no colour, no live progress) to the given writers, for tests and
    /// pipes.</summary>
    public static CliContext ForWriters(TextWriter output, TextWriter error)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160; // wide enough that tables never wrap in logs
        return new CliContext(console, output, error, Interactive: false);
    }
}
