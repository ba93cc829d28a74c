namespace Recurrent.Tests.Distributed;

/// <summary>
/// The tests that start ranks under mpirun run one after another (beside the rest of the suite): each starts two or
/// three .NET processes, and on a small machine several jobs at once would only make each slower.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OpenMpiCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Open MPI";
}
