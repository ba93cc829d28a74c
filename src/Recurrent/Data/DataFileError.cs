namespace Recurrent.Data;

/// <summary>Errors in data files, located as "file:line:column: what was expected, what came".</summary>
internal static class DataFileError
{
    /// <summary>An <see cref="InvalidDataException"/> at <paramref name="line"/> and <paramref name="column"/>
    /// (1-based).</summary>
    public static InvalidDataException At(string source, int line, int column, string message) =>
        new($"{source}:{line}:{column}: {message}");

    /// <summary>Shows a field in a message: quoted, shortened when long.</summary>
    public static string Quote(string text) => text.Length <= 40 ? $"\"{text}\"" : $"\"{text[..37]}...\"";
}
