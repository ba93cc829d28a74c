using Recurrent.Data;

namespace Recurrent.Tests.Data;

/// <summary>Inverse-frequency class weights: a_c = N / (P · n_c), the mean weight over the targets is 1, per-step
/// targets count every step, absent classes weigh 1, and value targets are refused.</summary>
public class ClassWeightsTests
{
    private static SequenceExample Sequence(int classId) =>
        SequenceExample.FromFeatures([0f, 1f], 1, SequenceTarget.Class(classId));

    [Fact]
    public void InverseFrequency_PerSequence_IsNOverPTimesCount_AndAveragesOne()
    {
        // n = (6, 2, 0): N = 8, P = 2 → a = (8/12, 8/4, 1)
        int[] ids = [0, 0, 1, 0, 0, 1, 0, 0];
        var data = new SequenceDataset(ids.Select(Sequence), ["a", "b", "c"]);
        float[] a = ClassWeights.InverseFrequency(data);
        Assert.Equal(3, a.Length);
        Assert.Equal(8 / 12.0, a[0], 1e-6);
        Assert.Equal(2.0, a[1], 1e-6);
        Assert.Equal(1.0, a[2], 0);
        Assert.Equal(1.0, ids.Average(c => a[c]), 1e-6);
    }

    [Fact]
    public void InverseFrequency_PerStep_CountsEveryStep()
    {
        // steps: class 0 ×5, class 1 ×1 → N = 6, P = 2 → a = (6/10, 3)
        var data = new SequenceDataset(
        [
            SequenceExample.FromFeatures([0f, 0f, 0f], 1, SequenceTarget.StepClasses([0, 0, 1])),
            SequenceExample.FromFeatures([0f, 0f, 0f], 1, SequenceTarget.StepClasses([0, 0, 0])),
        ], ["x", "y"]);
        float[] a = ClassWeights.InverseFrequency(data);
        Assert.Equal(0.6, a[0], 1e-6);
        Assert.Equal(3.0, a[1], 1e-6);
    }

    [Fact]
    public void InverseFrequency_OfValueTargets_IsRefused()
    {
        var data = new SequenceDataset([SequenceExample.FromFeatures([0f], 1, SequenceTarget.Vector([1f, 2f]))]);
        var e = Assert.Throws<ArgumentException>(() => ClassWeights.InverseFrequency(data));
        Assert.Contains("class targets (Class or StepClasses), the data has Values", e.Message);
    }
}
