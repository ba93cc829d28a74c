using Recurrent.Data;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Data;

/// <summary>The "Data" snippet of docs/getting-started.md, copied verbatim, compiles and runs.</summary>
[Collection(ConsoleCaptureCollection.Name)] // it captures Console.Out
public class GettingStartedDataTests
{
    [Fact]
    public void DataSnippet_Runs()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            Snippet();
        }
        finally
        {
            Console.SetOut(original);
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("sequences", Assert.Single(lines));
    }

    [Fact]
    public void DocsCarryTheSameSnippet() =>
        DocSnippets.AssertPageCarriesCopy("docs/getting-started.md", "<a id=\"data\"></a>",
            "Data/GettingStartedDataTests.cs", "docs/getting-started.md#data");

    private static void Snippet()
    {
        // --- docs/getting-started.md#data ---
        // One row per step: "id" names the sequence, "label" is its class.
        string path = Path.Combine(Path.GetTempPath(), "steps.csv");
        File.WriteAllText(path, """
            id,x,y,label
            a,0.1,1.0,up
            a,0.2,1.5,up
            b,0.3,0.2,down
            c,0.5,2.0,up
            c,0.7,2.5,up
            c,0.9,3.0,up
            d,0.1,0.1,down
            d,0.0,0.3,down
            """);
        var data = StepCsvReader.Read(path, new StepCsvOptions
        {
            IdColumn = "id", TargetColumn = "label", TargetKind = SequenceTargetKind.Class,
        });

        // Split by sequence (stratified by class, seeded), fit the scaling on the training split only.
        var (train, validation) = data.Split(validationFraction: 0.5, new Random(42));
        var normalizer = FeatureNormalizer.Fit(train);
        train = normalizer.Apply(train);
        validation = normalizer.Apply(validation);
        Dictionary<string, float[]> stored = normalizer.ToDictionary(); // "normalization.mean", "normalization.std"

        // Time-major batches, shuffled each epoch by a seeded Random.
        var batcher = new SequenceBatcher(train, new SequenceBatcherOptions { BatchSize = 2 }, new Random(1));
        foreach (TimeMajorBatch batch in batcher.NextEpoch())
        {
            // batch.Features: (T, B, F); batch.Mask: (T, B); batch.Lengths: (B); batch.ClassIds: (B)
            Console.WriteLine($"{batch.Steps} steps × {batch.Size} sequences: {string.Join(",", batch.ClassIds!)}");
        }
        // --- end of snippet ---
    }
}
