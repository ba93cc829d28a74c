namespace Recurrent.Tests.Data;

/// <summary>A scratch directory for files written by a test, deleted with everything in it on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"recurrent-data-{Guid.NewGuid():N}");

    public TempFiles() => Directory.CreateDirectory(_root);

    /// <summary>Writes <paramref name="text"/> to a file named <paramref name="name"/> and returns its path.</summary>
    public string Write(string name, string text)
    {
        string path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The path of <paramref name="name"/> in the directory.</summary>
    public string PathOf(string name) => Path.Combine(_root, name);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
