using Recurrent.Data;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Data;

public class SequenceBatcherTests
{
    [Fact]
    public void Batches_AreTimeMajor_ZeroPadded_WithLengthsMaskAndTargets()
    {
        var data = SequenceFixtures.Classes(5); // lengths 1, 8, 6, 4, 2
        var batcher = new SequenceBatcher(data, new SequenceBatcherOptions { BatchSize = 3, Shuffle = false },
            new Random(0));
        var batches = batcher.NextEpoch().ToList();
        Assert.Equal(2, batcher.BatchCount);
        Assert.Equal([3, 2], batches.Select(b => b.Size));
        var first = batches[0];
        Assert.Equal(8, first.Steps);
        Assert.Equal([8, 3, 2], first.Features!.Shape);
        Assert.Equal([1, 8, 6], first.Lengths);
        Assert.Equal([0, 1, 2], first.ExampleIndices);
        Assert.Equal([0, 1, 2], first.ClassIds!);
        Assert.Equal(8 * 3 - 15, first.PaddingSteps);
        for (int t = 0; t < 8; t++)
            for (int b = 0; b < 3; b++)
            {
                bool real = t < first.Lengths[b];
                Approx.Equal(real ? 1 : 0, first.Mask[t, b], 0, $"mask[{t}, {b}]");
                Approx.Equal(real ? b : 0, first.Features[t, b, 0], 0, $"features[{t}, {b}, 0]");
                Approx.Equal(real ? t : 0, first.Features[t, b, 1], 0, $"features[{t}, {b}, 1]");
            }
        Assert.Equal([4, 2, 2], batches[1].Features!.Shape);
    }

    [Fact]
    public void StepTargetsAndTokens_ArePaddedTheirOwnWay()
    {
        var data = new SequenceDataset(
        [
            SequenceExample.FromTokens([1, 2, 3], SequenceTarget.StepClasses([0, 1, 0])),
            SequenceExample.FromTokens([3], SequenceTarget.StepClasses([1])),
        ], ["x", "y"]);
        var batch = new SequenceBatcher(data, new SequenceBatcherOptions { Shuffle = false },
            new Random(0)).NextEpoch().Single();
        Assert.Null(batch.Features);
        Assert.Equal([1, 3, 2, 0, 3, 0], batch.TokenIds!); // [t·B + b]
        Assert.Equal([0, 1, 1, -1, 0, -1], batch.StepClassIds!);
        Assert.Equal(TimeMajorBatch.PaddingClassId, batch.StepClassIds![3]);
    }

    [Fact]
    public void TheSameSeed_GivesTheSameBatches_AndEpochsDiffer()
    {
        var data = SequenceFixtures.Classes(40);
        var options = new SequenceBatcherOptions { BatchSize = 8, BucketBatches = 3 };
        string Epochs(int seed)
        {
            var batcher = new SequenceBatcher(data, options, new Random(seed));
            return string.Join(" | ", Enumerable.Range(0, 3).Select(_ =>
                string.Join(";", batcher.NextEpoch().Select(b => string.Join(",", b.ExampleIndices)))));
        }
        string a = Epochs(11);
        Assert.Equal(a, Epochs(11));
        Assert.NotEqual(a, Epochs(12));
        var epochs = a.Split(" | ");
        Assert.NotEqual(epochs[0], epochs[1]);
        Assert.All(epochs, e => Assert.Equal(Enumerable.Range(0, 40), e.Split(';', ',').Select(int.Parse).Order()));
    }

    [Fact]
    public void Bucketing_ReducesPadding()
    {
        var data = SequenceFixtures.Classes(200, maxLength: 50);
        int Padding(int bucketBatches)
        {
            var batcher = new SequenceBatcher(data, new SequenceBatcherOptions { BatchSize = 10,
                BucketBatches = bucketBatches }, new Random(5));
            return batcher.NextEpoch().Sum(b => b.PaddingSteps);
        }
        int plain = Padding(0), bucketed = Padding(5);
        Assert.True(bucketed * 3 < plain,
            $"expected bucketing to cut padding by two thirds at least: {plain} → {bucketed}");
    }

    [Fact]
    public void ReusedBuffers_ServeEveryShapeFromOneSet_AndDropLastDropsTheRemainder()
    {
        var data = new SequenceDataset(Enumerable.Range(0, 7).Select(i =>
            SequenceExample.FromFeatures([i, i], 1, SequenceTarget.Vector([i]))).ToList());
        var options = new SequenceBatcherOptions { BatchSize = 3, ReuseBuffers = true, DropLast = true };
        var batcher = new SequenceBatcher(data, options, new Random(2));
        var batches = batcher.NextEpoch().Select(b => (Batch: b, Values: b.Values!.Span.ToArray(),
            Indices: b.ExampleIndices.ToArray()))
            .ToList();
        Assert.Equal(2, batches.Count);
        Assert.Same(batches[0].Batch, batches[1].Batch);
        foreach (var (_, values, indices) in batches)
            Approx.Equal(indices.Select(i => (float)i).ToArray(), values, 0, "value targets follow their sequences");
    }
}
