using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Recurrent.Tests.Distributed;

/// <summary>Starts <c>mpirun -np N dotnet recurrent.dll …</c> (the CLI built beside the tests) as a child process: MPI
/// can be initialised once per process, so the test host never loads it.</summary>
internal static class MpiRun
{
    /// <summary>Full path of mpirun on PATH, or null.</summary>
    public static string? Mpirun { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator,
            StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "mpirun")).FirstOrDefault(File.Exists);

    /// <summary>True when Open MPI's libmpi can be found by the loader (probed without loading it here).</summary>
    public static bool LibraryPresent { get; } =
        new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib" }
            .Any(d => File.Exists(Path.Combine(d, "libmpi.so.40")))
        || (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "").Split(':',
            StringSplitOptions.RemoveEmptyEntries)
            .Any(d => File.Exists(Path.Combine(d, "libmpi.so.40")));

    /// <summary>
    /// Runs the CLI on <paramref name="ranks"/> ranks. --allow-run-as-root because CI containers run as root;
    /// --oversubscribe because the machine may have fewer cores than ranks; shared memory and loopback only
    /// (btl self,vader), so a test never waits on a network interface.
    /// </summary>
    public static (int Code, string Out, string Err) Cli(int ranks, params string[] args) =>
        Launch(["-np", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture), .. Command, .. args]);

    /// <summary>`dotnet recurrent.dll`, the CLI beside the tests.</summary>
    public static string[] Command =>
        [Packaging.DotnetFactAttribute.Dotnet!, Path.Combine(AppContext.BaseDirectory, "recurrent.dll")];

    /// <summary>mpirun with the flags of <see cref="Cli"/> and then <paramref name="args"/> (e.g. an MPMD line,
    /// "-np 1 a : -np 1 b").</summary>
    public static (int Code, string Out, string Err) Launch(params string[] args)
    {
        var start = new ProcessStartInfo(Mpirun!)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "--allow-run-as-root", "--oversubscribe", "--mca", "btl", "self,vader" })
            start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mpirun {string.Join(' ', args)} ran over 5 minutes: " +
                error.Result);
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>True when the libmpi shared object is mapped into this process.</summary>
    public static bool LoadedHere() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && File.ReadAllText("/proc/self/maps").Contains("libmpi");
}
