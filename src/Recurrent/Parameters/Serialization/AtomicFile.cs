namespace Recurrent.Parameters.Serialization;

/// <summary>
/// Replaces a file all at once: write a temporary sibling, flush it to disk, rename it over the target. How the library
/// writes checkpoints and curves, so a reader (or a crash) never sees half a file; public for programs and the lab
/// that write files beside them.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, replacing any file there only once all are
    /// on disk.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> has no parent directory.</exception>
    /// <exception cref="IOException">The write failed (e.g. the disk is full); the file at <paramref name="path"/>, if
    /// any, is unchanged and the temporary file removed.</exception>
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
        catch (IOException e)
        {
            TryDelete(temporary);
            // A full disk or a failing device: say which file and that nothing was lost, on one line.
            throw new IOException($"cannot write '{path}': {e.Message.ReplaceLineEndings(" ")}; the file there " +
                "before is unchanged", e);
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
