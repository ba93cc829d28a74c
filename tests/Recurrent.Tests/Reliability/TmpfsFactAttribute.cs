using System.Diagnostics;

namespace Recurrent.Tests.Reliability;

/// <summary>A test that needs a small tmpfs of its own; skipped, saying why, where mounting one is not permitted
/// (not root, no mount command, not Linux).</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(Probe);

    public TmpfsFactAttribute()
    {
        if (Reason.Value is { } reason) Skip = reason;
    }

    /// <summary>Mounts a 1 MiB tmpfs at <paramref name="directory"/>; the reason it could not, or null.</summary>
    public static string? Mount(string directory)
    {
        if (!OperatingSystem.IsLinux()) return "mounting a small tmpfs needs Linux";
        try
        {
            var (code, error) = RunTool("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", directory);
            return code == 0 ? null : $"cannot mount a tmpfs to fill (needs root): {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"no mount command: {e.Message}";
        }
    }

    public static (int Code, string Error) RunTool(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }

    private static string? Probe()
    {
        string directory = Directory.CreateTempSubdirectory("tmpfs-probe-").FullName;
        try
        {
            string? reason = Mount(directory);
            if (reason is null) RunTool("umount", directory);
            return reason;
        }
        finally
        {
            Directory.Delete(directory);
        }
    }
}
