using Recurrent.Classification;
using Recurrent.Data;
using Recurrent.Distributed;
using Recurrent.Sequences;
using Recurrent.Tests.Support;

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
    public void TheGeneralTrainersExample_IsTheCompiledCopy() =>
        DocSnippets.AssertPageCarriesCopy("docs/distributed.md", "## The general trainer",
            "Docs/DistributedDocsTests.cs", "docs/distributed.md");

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
