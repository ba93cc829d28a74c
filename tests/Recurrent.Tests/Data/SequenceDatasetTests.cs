using Recurrent.Data;

namespace Recurrent.Tests.Data;

public class SequenceDatasetTests
{
    [Fact]
    public void Split_IsDisjoint_Complete_AndTheSameForTheSameSeed()
    {
        var data = SequenceFixtures.Classes(50);
        var (train, validation) = data.Split(0.2, new Random(7));
        var (train2, validation2) = data.Split(0.2, new Random(7));
        var trainIds = train.Examples.Select(e => e.Id!).ToArray();
        var validationIds = validation.Examples.Select(e => e.Id!).ToArray();
        Assert.Equal(10, validation.Count);
        Assert.Empty(trainIds.Intersect(validationIds));
        Assert.Equal(data.Examples.Select(e => e.Id).Order(), trainIds.Concat(validationIds).Order());
        Assert.Equal(trainIds, train2.Examples.Select(e => e.Id));
        Assert.Equal(validationIds, validation2.Examples.Select(e => e.Id));
        Assert.NotEqual(validationIds, data.Split(0.2, new Random(8)).Validation.Examples.Select(e => e.Id));
        Assert.Equal(data.ClassNames, validation.ClassNames);
    }

    [Fact]
    public void Split_IsStratifiedByClass()
    {
        var data = SequenceFixtures.Classes(30, classes: 3); // 10 of each class
        var (_, validation) = data.Split(0.3, new Random(3));
        Assert.Equal([3, 3, 3], validation.Examples.GroupBy(e => e.Target.ClassId).OrderBy(g => g.Key).Select(g
            => g.Count()));
    }

    [Fact]
    public void Split_OfATinySet_LeavesOneOnEachSide()
    {
        var (train, validation) = SequenceFixtures.Classes(2).Split(0.01, new Random(0));
        Assert.Equal((1, 1), (train.Count, validation.Count));
    }

    [Fact]
    public void MixedWidths_AndClassIdsWithoutNames_AreRejected()
    {
        var a = SequenceExample.FromFeatures([1, 2], 2, SequenceTarget.Class(0));
        var b = SequenceExample.FromFeatures([1, 2, 3], 3, SequenceTarget.Class(0));
        var e = Assert.Throws<ArgumentException>(() => new SequenceDataset([a, b], ["x"]));
        Assert.Contains("sequence 1: expected 2 features per step like sequence 0, got 3", e.Message);
        e = Assert.Throws<ArgumentException>(() => new SequenceDataset([a, SequenceExample.FromFeatures([1, 2], 2,
            SequenceTarget.Class(1))], ["x"]));
        Assert.Contains("class id 1 is outside [0, 1)", e.Message);
        e = Assert.Throws<ArgumentException>(() => SequenceExample.FromFeatures([1, 2, 3, 4], 2,
            SequenceTarget.StepClasses([0])));
        Assert.Contains("cover the sequence's 2 steps, got 1", e.Message);
    }
}
