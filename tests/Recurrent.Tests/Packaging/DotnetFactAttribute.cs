namespace Recurrent.Tests.Packaging;

/// <summary>A test that runs the `dotnet` found on PATH; skipped, saying why, when there is none.</summary>
public sealed class DotnetFactAttribute : FactAttribute
{
    /// <summary>Full path of `dotnet` on PATH, or null.</summary>
    public static string? Dotnet { get; } = FindOnPath(OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");

    public DotnetFactAttribute()
    {
        if (Dotnet is null) Skip = "no `dotnet` on PATH: packing and installing the tool needs the .NET SDK's CLI";
    }

    private static string? FindOnPath(string fileName) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, fileName))
            .FirstOrDefault(File.Exists);
}
