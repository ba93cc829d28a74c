namespace Recurrent.Tests.Packaging;

/// <summary>
/// The tests that run `dotnet pack` on the solution: one at a time, since two packs of the same projects write the same
/// intermediate files (obj/…/*.nuspec). Each packs into a temporary folder of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackingCollection
{
    public const string Name = "Packing";
}
