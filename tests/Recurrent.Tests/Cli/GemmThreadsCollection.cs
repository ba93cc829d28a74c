namespace Recurrent.Tests.Cli;

/// <summary>Tests that set the process-wide <c>Gemm.MaxThreads</c> share this collection, so xunit never runs two at once.</summary>
[CollectionDefinition(Name)]
public sealed class GemmThreadsCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Gemm.MaxThreads";
}
