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
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidDataException
                                      or FileNotFoundException or DirectoryNotFoundException or KeyNotFoundException)
        {
            return Report(context, e, Program.BadInput);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException)
        {
            return Report(context, e, Program.BadInput);
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("cancelled");
            return Program.Failure;
        }
        catch (Exception e)
        {
            return Report(context, e, Program.Failure);
        }
    }

    private static int Report(CliContext context, Exception e, int code)
    {
        context.Error.WriteLine($"error: {OneLine(e.Message)}");
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
