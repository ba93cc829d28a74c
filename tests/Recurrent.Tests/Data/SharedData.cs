namespace Recurrent.Tests.Data;

/// <summary>Finds files of the shared data sets.</summary>
internal static class SharedData
{
    /// <summary>The full path of <paramref name="relativePath"/> under shared/data, or null when it is
    /// absent.</summary>
    public static string? Find(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Recurrent.sln"))) continue;
            string path = Path.Combine(dir.FullName, "..", "shared", "data", relativePath);
            return File.Exists(path) ? Path.GetFullPath(path) : null;
        }
        return null;
    }
}
