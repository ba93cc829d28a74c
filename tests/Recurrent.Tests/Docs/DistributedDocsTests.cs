using Recurrent.Classification;
using Recurrent.Data;
using Recurrent.Distributed;
using Recurrent.Sequences;

namespace Recurrent.Tests.Docs;

/// <summary>
/// The general trainer's C# example in docs/distributed.md compiles against the library as it is (it is copied below,
/// and the test holds the copy and the page equal). It is not run here: it needs mpirun (MPI is initialised once per
/// process); the same option is run with ranks as threads in SequenceTrainerDataParallelTests and under mpirun in
/// DataParallelClassifyTests.
/// </summary>
public sealed class DistributedDocsTests
{
    [Fact]
    public void TheGeneralTrainersExample_IsTheCompiledCopy()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Recurrent.sln"))) root = Path.GetDirectoryName(root)!;
        string docs = File.ReadAllText(Path.Combine(root, "docs", "distributed.md"));
        string source = File.ReadAllText(Path.Combine(root, "tests", "Recurrent.Tests", "Docs",
            "DistributedDocsTests.cs"));
        const string start = "// --- docs/distributed.md ---";
        int from = source.LastIndexOf(start, StringComparison.Ordinal) + start.Length;
        int to = source.IndexOf("// --- end of snippet ---", from, StringComparison.Ordinal);
        int section = docs.IndexOf("## The general trainer", StringComparison.Ordinal);
        int block = docs.IndexOf("```csharp\n", section, StringComparison.Ordinal) + "```csharp\n".Length;
        string code = docs[block..docs.IndexOf("```", block, StringComparison.Ordinal)];
        Assert.Equal(Lines(source[from..to]), Lines(code));
    }

    private static string Lines(string text) =>
        string.Join('\n', text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    internal static void Example(SequenceClassifier classifier, SequenceDataset train, SequenceDataset validation,
        IProgress<SequenceTrainingProgress> progress)
    {
        // --- docs/distributed.md ---
        using var mpi = MpiCommunicator.Initialize();
        try
        {
            var options = new SequenceTrainerOptions
            {
                Epochs = 20, BatchSize = 64, CheckpointDirectory = "out/run", Communicator = mpi,
            };
            var report = classifier.Train(train, validation, options, progress); // progress hears from rank 0 only
            if (mpi.Rank == 0) Console.WriteLine($"validation accuracy {report.ValidationMetric:P2}");
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"rank {mpi.Rank}: {e.Message}");
            mpi.Abort(1);                                              // never leave the other ranks waiting
        }
        // --- end of snippet ---
    }
}
