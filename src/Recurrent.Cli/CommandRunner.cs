using System.Security;

namespace Recurrent.Cli;

/// <summary>
/// Runs a command's work and maps what can go wrong to one line on standard error and an exit code: bad input
/// (bad values, shapes, missing or malformed files) exits 2, failed work exits 1. No stack traces unless
/// RECURRENT_DEBUG=1, because users need the reason, not our call stack.
/// </summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="work"/>, catching and reporting failures.</summary>
    public static int Guard(CliContext context, Func<int> work)
    {
        try
        {
            return work();
        }
        catch (Exception e)
        {
            return Report(context, e);
        }
    }

    /// <summary>Writes the one-line error for <paramref name="e"/> (after <paramref name="prefix"/>, e.g. the MPI
    /// rank) and returns its exit code.</summary>
    public static int Report(CliContext context, Exception e, string prefix = "")
    {
        switch (e)
        {
            case ArgumentException or FormatException or InvalidDataException or FileNotFoundException
                or DirectoryNotFoundException or KeyNotFoundException:
            case IOException or UnauthorizedAccessException or SecurityException:
                return Write(context, e, prefix, Program.BadInput);
            case OperationCanceledException:
                context.Error.WriteLine($"{prefix}cancelled");
                return Program.Failure;
            default:
                return Write(context, e, prefix, Program.Failure);
        }
    }

    private static int Write(CliContext context, Exception e, string prefix, int code)
    {
        context.Error.WriteLine($"error: {prefix}{OneLine(e.Message)}");
        if (Environment.GetEnvironmentVariable("RECURRENT_DEBUG") == "1") context.Error.WriteLine(e);
        return code;
    }

    private static string OneLine(string message)
    {
        // ArgumentException appends " (Parameter 'x')" on a new clause; the message already names the value.
        int parameterNote = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (parameterNote > 0) message = message[..parameterNote];
        return message.ReplaceLineEndings(" ");
    }
}
