using Recurrent.Losses;
using Recurrent.Tensors;
using Recurrent.Tests.Support;

namespace Recurrent.Tests.Losses;

/// <summary>Metrics against hand-computed values, with masks, and their accumulators over split batches.</summary>
public class SequenceMetricTests
{
    [Fact]
    public void Accuracy_CountsArgmaxHitsOverCountedRows()
    {
        // (T, B, K) = (2, 2, 3); rows: argmax 2 (hit), 0 (miss), 1 (hit), padding
        var y = Tensor<double>.From([0.1, 0.2, 0.9, 5, 1, 1, 0, 3, 2, double.NaN, 0, 0], 2, 2, 3);
        int[] classes = [2, 1, 1, -7];
        var mask = SequenceMask.FromLengths<double>([2, 1], steps: 2);
        Approx.Equal(2.0 / 3, SequenceMetric<double>.Create(MetricKind.Accuracy).Compute(y, classes, mask), 1e-15);
        var ties = Tensor<double>.From([1.0, 1, 0], 1, 3);
        Approx.Equal(1.0, new AccuracyMetric<double>().Compute(ties, new[] { 0 }), 0, "the first maximum wins");
    }

    [Fact]
    public void MeanAbsoluteAndRootMeanSquaredError_AreOverCountedElements()
    {
        var y = Tensor<double>.From([1.0, 2, 3, 4, 100, 100], 3, 2);
        var t = Tensor<double>.From([0.0, 2, 1, 1, 0, 0], 3, 2);
        var mask = Tensor<double>.From([1.0, 1, 0], 3); // d = 1, 0, 2, 3 counted
        Approx.Equal(6.0 / 4, new MeanAbsoluteErrorMetric<double>().Compute(y, t, mask), 1e-15, "mae");
        Approx.Equal(Math.Sqrt(14.0 / 4), new RootMeanSquaredErrorMetric<double>().Compute(y, t, mask), 1e-15, "rmse");
        Approx.Equal(0.0, new RootMeanSquaredErrorMetric<double>().Compute(y, t, new Tensor<double>(3)), 0, "none");
    }

    /// <summary>Accumulating batches of different sizes (steps 1 + 3 of a (T, B, K) run; 2 + 3 sequences of a (B, K)
    /// one) equals the metric of the whole, to 1e-14: sums and counts are added, not means averaged.</summary>
    [Theory]
    [InlineData(MetricKind.Accuracy)]
    [InlineData(MetricKind.MeanAbsoluteError)]
    [InlineData(MetricKind.RootMeanSquaredError)]
    public void Accumulator_OverSplitBatches_EqualsTheWhole(MetricKind kind)
    {
        var metric = SequenceMetric<double>.Create(kind);
        string name = kind == MetricKind.Accuracy ? "ce" : "mse";

        var (y, targets) = SequenceLossTestData.Batch(metric.UsesClassTargets, name, [4, 3, 5], seed: 8);
        var mask = SequenceMask.FromLengths<double>([4, 1, 2], steps: 4);
        var accumulator = metric.CreateAccumulator();
        accumulator.Add(y.Slice(0, 1), Part(targets, 0, 1, 3), mask.Slice(0, 1));
        accumulator.Add(y.Slice(1, 3), Part(targets, 1, 3, 3), mask.Slice(1, 3));
        Approx.Equal(metric.Compute(y, targets, mask), accumulator.Value, 1e-14, $"{kind} over steps");
        Approx.Equal(metric.UsesClassTargets ? 7 : 35, accumulator.Count, 0, "count");

        var (z, perSequence) = SequenceLossTestData.Batch(metric.UsesClassTargets, name, [5, 4], seed: 9);
        accumulator.Reset();
        Assert.Equal(0, accumulator.Value);
        accumulator.Add(z.Slice(0, 2), Part(perSequence, 0, 2, 1));
        accumulator.Add(z.Slice(2, 3), Part(perSequence, 2, 3, 1));
        Approx.Equal(metric.Compute(z, perSequence), accumulator.Value, 1e-14, $"{kind} over sequences");
    }

    [Fact]
    public void FloatAndDouble_Agree()
    {
        var (y, targets) = SequenceLossTestData.Batch(false, "mse", [3, 2, 4], seed: 10);
        var mask = SequenceLossTestData.Mask(sequence: true);
        var floatAccumulator = new MetricAccumulator<float>(MetricKind.RootMeanSquaredError);
        floatAccumulator.Add(y.Convert<float>(), SequenceLossTestData.ToFloat(targets), mask.Convert<float>());
        double expected = new RootMeanSquaredErrorMetric<double>().Compute(y, targets, mask);
        Approx.Equal(expected, floatAccumulator.Value, 1e-6, "rmse");
    }

    [Fact]
    public void WrongTargets_FailBeforeAnythingIsAdded()
    {
        var accumulator = new MetricAccumulator<float>(MetricKind.Accuracy);
        var y = new Tensor<float>(2, 3);
        Assert.Throws<ArgumentException>(() => accumulator.Add(y, y));
        Assert.Throws<ShapeMismatchException>(() => accumulator.Add(y, new int[3]));
        Assert.Equal(0, accumulator.Count);
        Assert.Equal(["accuracy", "mae", "rmse", "pinball"],
            Enum.GetValues<MetricKind>().Select(k => SequenceMetric<float>.Create(k).Name));
    }

    /// <summary>Leading-dimension entries [start, start + count) of targets whose rows come <paramref name="rowsPer"/>
    /// per entry (B per step of a sequence, 1 per sequence).</summary>
    private static SequenceTargets<double> Part(SequenceTargets<double> targets, int start, int count, int rowsPer) =>
        targets.IsClasses
            ? SequenceTargets<double>.Classes(targets.ClassIds.Slice(start * rowsPer, count * rowsPer))
            : targets.ValueTensor!.Slice(start, count);
}
