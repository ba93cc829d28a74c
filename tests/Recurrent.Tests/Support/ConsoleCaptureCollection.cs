namespace Recurrent.Tests.Support;

/// <summary>
/// Tests that capture the process-wide <see cref="Console.Out"/> run alone: another test writing to the console at
/// the same moment would land in the capture.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCaptureCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Console capture";
}
