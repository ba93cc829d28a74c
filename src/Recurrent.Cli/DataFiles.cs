namespace Recurrent.Cli;

/// <summary>Finds the data files bundled with the tool (copied beside the executable from the repository's data/
/// folder).</summary>
public static class DataFiles
{
    /// <summary>Path of a bundled file, e.g. "digits.csv.gz".</summary>
    public static string Bundled(string fileName)
    {
        string besideTool = Path.Combine(AppContext.BaseDirectory, "data", fileName);
        if (File.Exists(besideTool)) return besideTool;
        // Running from a build folder without the copied data: walk up to the repository's data/ folder.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data", fileName);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"bundled data file '{fileName}' not found beside the tool or in a data/ " +
            $"folder above it", fileName);
    }
}
