using Recurrent.Cli;

namespace Recurrent.Tests.Cli;

/// <summary>Runs the command line in-process and captures what it writes.</summary>
internal static class CliHarness
{
    public static (int Code, string Out, string Err) Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs with <paramref name="input"/> as standard input (commands that read lines, e.g. classify
    /// predict).</summary>
    public static (int Code, string Out, string Err) RunWithInput(string? input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = CliContext.ForWriters(output, error);
        if (input is not null) context = context with { In = new StringReader(input) };
        int code = Program.Run(args, context);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Asserts the contract for bad input: exit 2, error text on stderr mentioning
    /// <paramref name="expected"/>, no stack trace.</summary>
    public static string AssertBadInput(string expected, params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.True(code == Program.BadInput, $"exit code {code}, expected {Program.BadInput}; stderr: {err}");
        Assert.Contains(expected, err, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", err);
        Assert.StartsWith("error: ", err);
        return err;
    }
}
