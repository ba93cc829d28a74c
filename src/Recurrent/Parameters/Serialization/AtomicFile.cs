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
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{TemporarySuffix}");
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

    private const string TemporarySuffix = ".tmp";

    /// <summary>
    /// Deletes the temporary files of writes into <paramref name="directory"/> that never finished: a process killed
    /// mid-write (SIGKILL, power loss) runs no cleanup, and each kill would leave a file as large as the one it was
    /// writing. Only for a directory whose writer is known to be this process alone (a training run resuming in its
    /// own folder): another writer's temporary file there would be deleted under it. Returns how many were deleted.
    /// </summary>
    internal static int RemoveUnfinishedWrites(string directory)
    {
        if (!Directory.Exists(directory)) return 0;
        int removed = 0;
        foreach (string path in Directory.EnumerateFiles(directory, ".*" + TemporarySuffix))
        {
            // ".{name}.{32 hex digits}.tmp", the names WriteAllBytes gives; nothing else is touched
            string name = Path.GetFileName(path);
            string[] parts = name[..^TemporarySuffix.Length].Split('.');
            if (parts.Length < 3 || parts[^1].Length != 32 || !parts[^1].All(char.IsAsciiHexDigitLower)) continue;
            TryDelete(path);
            removed++;
        }
        return removed;
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
