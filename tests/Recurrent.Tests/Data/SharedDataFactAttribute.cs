namespace Recurrent.Tests.Data;

/// <summary>
/// A fact on a file of the shared data sets (../shared/data from the repository root, present in CI). Where the
/// file is absent the test is skipped, and the skip reason names the path that was looked for.
/// </summary>
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relativePath)
    {
        if (SharedData.Find(relativePath) is null)
            Skip = $"shared data file '{relativePath}' not found (looked for ../shared/data beside the repository " +
                $"root)";
    }
}
