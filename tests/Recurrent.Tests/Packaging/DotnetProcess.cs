using System.Diagnostics;
using System.Reflection;
using Recurrent.Training;
using Xunit.Abstractions;

namespace Recurrent.Tests.Packaging;

/// <summary>What the tests that pack the solution and run its packages share: running `dotnet` (or a program) as a
/// child process, the repository root, the version the packages carry.</summary>
internal static class DotnetProcess
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    /// <summary>The version every package must carry: the one the build stamped on the core assembly.</summary>
    public static string ExpectedVersion()
    {
        string informational = typeof(CharModelTrainer).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        return informational.Split('+')[0]; // "0.1.0+<commit>" → "0.1.0"
    }

    /// <summary>The repository root (the folder of Recurrent.sln).</summary>
    public static string RepositoryRoot() => Path.GetDirectoryName(FindAbove("Recurrent.sln"))!;

    public static string FindAbove(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, fileName);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{fileName} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>Runs `dotnet` with <paramref name="args"/>; see <see cref="Run"/>.</summary>
    public static string Dotnet(ITestOutputHelper output, string workingDirectory, params string[] args) =>
        Run(output, workingDirectory, DotnetFactAttribute.Dotnet!, args);

    /// <summary>Runs a program to its end (3 minutes at most), logs and returns its output; fails on a non-zero
    /// exit.</summary>
    public static string Run(ITestOutputHelper output, string workingDirectory, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // `dotnet test` points its children at its own MSBuild; a nested dotnet must find its own.
        var inherited = start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase));
        foreach (string key in inherited.ToList()) start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(program)} {string.Join(' ', args)} ran past 3 minutes");
        }
        string text = stdout.Result + stderr.Result;
        string command = $"{Path.GetFileName(program)} {string.Join(' ', args)}";
        output.WriteLine($"$ {command}  ({clock.Elapsed.TotalSeconds:F1} s)");
        output.WriteLine(text);
        Assert.True(process.ExitCode == 0, $"{command} exited with {process.ExitCode}:\n{text}");
        return text;
    }
}
