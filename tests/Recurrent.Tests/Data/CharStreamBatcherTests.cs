using Recurrent.Data;
using Recurrent.Tensors;

namespace Recurrent.Tests.Data;

public class CharStreamBatcherTests
{
    [Fact]
    public void Next_ServesContiguousStreamsTimeMajor()
    {
        // N = 23, B = 2: streams [0, 11) and [11, 22), index 22 unused. T = 3.
        var data = Enumerable.Range(0, 23).ToArray();
        var batcher = new CharStreamBatcher(data, batchSize: 2, sequenceLength: 3);
        Assert.Equal(11, batcher.StreamLength);
        Assert.Equal(3, batcher.BatchesPerEpoch);

        var inputs = new int[6];
        var targets = new int[6];
        Assert.True(batcher.Next(inputs, targets));
        Assert.Equal([0, 11, 1, 12, 2, 13], inputs);
        Assert.Equal([1, 12, 2, 13, 3, 14], targets);

        Assert.False(batcher.Next(inputs, targets));
        Assert.Equal([3, 14, 4, 15, 5, 16], inputs);
        Assert.Equal([4, 15, 5, 16, 6, 17], targets);

        Assert.False(batcher.Next(inputs, targets));
        Assert.Equal([6, 17, 7, 18, 8, 19], inputs);
        Assert.Equal([7, 18, 8, 19, 9, 20], targets);
        // Position 9 would need characters 9..12 of an 11-character stream: wrap, one epoch done.
        Assert.Equal(new BatchCursor(0, 1, 3), batcher.Cursor);

        Assert.True(batcher.Next(inputs, targets));
        Assert.Equal([0, 11, 1, 12, 2, 13], inputs);
    }

    [Fact]
    public void Cursor_RestoredOnANewBatcher_ContinuesIdentically()
    {
        var rng = new Random(1);
        var data = Enumerable.Range(0, 1000).Select(_ => rng.Next(30)).ToArray();
        var first = new CharStreamBatcher(data, 4, 7);
        var inputs = new int[28];
        var targets = new int[28];
        for (int i = 0; i < 50; i++) first.Next(inputs, targets);
        var saved = first.Cursor;

        var resumed = new CharStreamBatcher(data, 4, 7) { Cursor = saved };
        var inputs2 = new int[28];
        var targets2 = new int[28];
        for (int i = 0; i < 60; i++)
        {
            bool resetA = first.Next(inputs, targets);
            bool resetB = resumed.Next(inputs2, targets2);
            Assert.Equal(resetA, resetB);
            Assert.Equal(inputs, inputs2);
            Assert.Equal(targets, targets2);
        }
        Assert.Equal(first.Cursor, resumed.Cursor);
        Assert.Equal(110, first.Cursor.BatchesServed);
        Assert.Equal(110 / first.BatchesPerEpoch, first.Cursor.Epoch);
    }

    [Fact]
    public void Next_AllocatesNothing()
    {
        var batcher = new CharStreamBatcher(new int[500], 5, 10);
        var inputs = new int[50];
        var targets = new int[50];
        batcher.Next(inputs, targets);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) batcher.Next(inputs, targets);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void BadArguments_AreRejectedWithTheReason()
    {
        var data = new int[20];
        Assert.Contains("batch size must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new CharStreamBatcher(data, 0, 3)).Message);
        Assert.Contains("sequence length must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new CharStreamBatcher(data, 2, 0)).Message);
        Assert.Contains("need at least 22", Assert.Throws<InvalidDataException>(() =>
            new CharStreamBatcher(data, 2, 10)).Message);

        var batcher = new CharStreamBatcher(data, 2, 3); // L = 10: positions 0..6
        Assert.Contains("got 6 and 8", Assert.Throws<ArgumentException>(() =>
            batcher.Next(new int[6], new int[8])).Message);
        Assert.Contains("outside [0, 6]", Assert.Throws<ArgumentOutOfRangeException>(() =>
            batcher.Cursor = new BatchCursor(7, 0, 0)).Message);
        batcher.Cursor = new BatchCursor(6, 2, 9);
        Assert.Equal(new BatchCursor(6, 2, 9), batcher.Cursor);
    }

    [Fact]
    public void OneHot_FillsOneOnePerRow()
    {
        var destination = new Tensor<float>(2, 3, 4); // (T, B, V)
        destination.Fill(7f);                          // stale values must be cleared
        OneHot.Fill([0, 3, 1, 2, 2, 0], destination);
        int[] expected = [0, 3, 1, 2, 2, 0];
        for (int row = 0; row < 6; row++)
            for (int v = 0; v < 4; v++)
                Assert.True(Math.Abs(destination.Span[row * 4 + v] - (v == expected[row] ? 1f : 0f)) < 1e-12,
                    $"row {row}, column {v}");
    }

    [Fact]
    public void OneHot_BadInput_Throws()
    {
        var destination = new Tensor<double>(2, 2, 3);
        Assert.Throws<ShapeMismatchException>(() => OneHot.Fill([0, 1, 2], destination));
        Assert.Contains("index 3 at position 1", Assert.Throws<ArgumentOutOfRangeException>(() =>
            OneHot.Fill([0, 3, 1, 1], destination)).Message);
    }
}
