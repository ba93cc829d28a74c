namespace Recurrent.Parameters.Serialization;

/// <summary>Replaces a file all at once: write a temporary sibling, flush it to disk, rename it over the target.</summary>
internal static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)
            ?? throw new ArgumentException($"cannot write '{path}': it has no parent directory", nameof(path));
        // Same directory, so the rename never crosses file systems and stays atomic.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original failure is what the caller needs to see; a stray temporary file is secondary.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
