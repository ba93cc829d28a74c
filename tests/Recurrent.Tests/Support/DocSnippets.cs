using System.Text.RegularExpressions;
using Recurrent.Tests.Packaging;

namespace Recurrent.Tests.Support;

/// <summary>
/// Holds a docs page's C# example equal to the copy a test compiles. The test carries the example between a line
/// <c>// --- MARKER ---</c> and <see cref="End"/>, where the compiler checks it (and the test may run it); these
/// helpers find the copy and the page's code block and compare them line by line, ignoring indentation, blank lines
/// and the block's leading <c>using</c> directives (a method body cannot hold them).
/// </summary>
internal static class DocSnippets
{
    /// <summary>The line that ends a copied snippet in a test source.</summary>
    public const string End = "// --- end of snippet ---";

    /// <summary>The text of a file of the repository, by its path from the root.</summary>
    public static string Read(params string[] path) =>
        File.ReadAllText(Path.Combine([DotnetProcess.RepositoryRoot(), .. path]));

    /// <summary>Asserts that the first ```csharp block of the page <paramref name="page"/> after
    /// <paramref name="after"/> (from the top when null) equals the copy marked <paramref name="marker"/> in the test
    /// source <paramref name="testSource"/> (a path from tests/Recurrent.Tests).</summary>
    public static void AssertPageCarriesCopy(string page, string? after, string testSource, string marker) =>
        Assert.Equal(Copy(Read("tests", "Recurrent.Tests", testSource), marker), Block(Read(page), after));

    /// <summary>The lines between the last <c>// --- marker ---</c> of <paramref name="source"/> and the next
    /// <see cref="End"/>. The last: a test naming the marker in full would otherwise find its own line.</summary>
    public static string Copy(string source, string marker)
    {
        string start = $"// --- {marker} ---";
        int at = source.LastIndexOf(start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"expected the line '{start}' in the test source");
        int from = at + start.Length;
        int to = source.IndexOf(End, from, StringComparison.Ordinal);
        Assert.True(to >= 0, $"expected '{End}' after '{start}'");
        return Lines(source[from..to]);
    }

    /// <summary>The first ```csharp block of <paramref name="markdown"/> after <paramref name="after"/> (from the
    /// top when null), without its leading <c>using</c> directives.</summary>
    public static string Block(string markdown, string? after = null)
    {
        int at = after is null ? 0 : markdown.IndexOf(after, StringComparison.Ordinal);
        Assert.True(at >= 0, $"expected '{after}' in the page");
        const string fence = "```csharp\n";
        int from = markdown.IndexOf(fence, at, StringComparison.Ordinal);
        Assert.True(from >= 0, $"expected a ```csharp block after '{after}'");
        from += fence.Length;
        string block = markdown[from..markdown.IndexOf("```", from, StringComparison.Ordinal)];
        return Lines(string.Join('\n',
            block.Split('\n').SkipWhile(l => l.Trim().Length == 0 || UsingDirective.IsMatch(l))));
    }

    // `using Recurrent.Data;` is a directive; `using var mpi = …;` is a declaration and part of the code
    private static readonly Regex UsingDirective = new(@"^using [A-Za-z_][A-Za-z0-9_.]*;\s*$");

    /// <summary>The non-blank lines of <paramref name="text"/>, trimmed, joined by line breaks.</summary>
    public static string Lines(string text) =>
        string.Join('\n', text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
