namespace Recurrent.Cli.Commands;

/// <summary>Resolves --checkpoint: a file as given, or a training folder's best.safetensors (else
/// last.safetensors).</summary>
internal static class CheckpointPath
{
    public static string Resolve(string path)
    {
        if (!Directory.Exists(path)) return File.Exists(path)
            ? path : throw new FileNotFoundException($"checkpoint '{path}' not found", path);
        foreach (var name in new[] { "best.safetensors", "last.safetensors" })
        {
            string candidate = Path.Combine(path, name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"checkpoint folder '{path}' has neither best.safetensors nor last.safetensors",
            path);
    }
}
