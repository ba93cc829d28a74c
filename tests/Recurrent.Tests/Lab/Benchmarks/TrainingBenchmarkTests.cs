using Recurrent.Lab.Benchmarks;
using Recurrent.Layers.Recurrent;

namespace Recurrent.Tests.Lab.Benchmarks;

/// <summary>The benchmarks behind `recurrent bench` and `recurrent bench sample`: what they count and that they run
/// clean.</summary>
public class TrainingBenchmarkTests
{
    [Fact]
    public void FlopsPerStep_CountsEveryMatrixProduct_OfTheDocumentedFormula()
    {
        // LSTM 2×128, B = 50, T = 50, V = 65: N = 2500, GH = 512.
        var o = new TrainingBenchmarkOptions();
        double n = 2500, gh = 512, h = 128, v = 65;
        double layer0 = 2 * n * gh * (v + h) + 2 * n * gh * h + 2 * n * gh * (v + h);
        double layer1 = 2 * n * gh * (h + h) + 2 * n * gh * h + 2 * n * gh * (h + h) + 2 * n * gh * h;
        double head = 6 * n * v * h;
        Assert.Equal(layer0 + layer1 + head, o.FlopsPerStep, 6);
        Assert.Equal(4 * 128 * (65 + 128 + 2) + 4 * 128 * (128 + 128 + 2) + 65 * 129, o.ParameterCount);
    }

    [Theory]
    [InlineData(CellKind.Lstm, 7)] // i, f, g, o; h; c, tanh c
    [InlineData(CellKind.Gru, 5)]  // r, z, n; h; W_hn h + b_hn
    [InlineData(CellKind.Rnn, 1)]  // h (the gate value is h itself, and f′ comes from h)
    public void RequiredBytes_CountsParametersThriceAndTheDocumentedActivations(CellKind cell, int perRowOfH)
    {
        var o = new TrainingBenchmarkOptions(cell);
        long n = 2500, h = 128, v = 65;
        long activations = 2 * n * perRowOfH * h + n * v + n * v; // two layers; the logits' softmax; the one-hot batch
        Assert.Equal(4 * (3 * o.ParameterCount + activations), o.RequiredBytes);
    }

    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Rnn)]
    public void ParameterCount_MatchesTheModelBuilt(CellKind cell)
    {
        var options =
            new TrainingBenchmarkOptions(cell, HiddenSize: 8, NumLayers: 2, Batch: 3, SequenceLength: 4, Vocabulary: 5);
        Assert.Equal(options.ParameterCount, new TrainingBenchmark(options).Parameters.Count);
    }

    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Rnn)]
    public void Run_TimesEveryStep_AndTrains(CellKind cell)
    {
        var options =
            new TrainingBenchmarkOptions(cell, HiddenSize: 16, NumLayers: 2, Batch: 4, SequenceLength: 6, Vocabulary: 7,
            Steps: 5, WarmUpSteps: 2, LearningRate: 1e-2);
        var result = TrainingBenchmark.Run(options, measureGemmPeak: false);
        Assert.Equal(5, result.StepSeconds.Count);
        Assert.True(result.MedianSeconds > 0 && double.IsFinite(result.Gigaflops), $"median {result.MedianSeconds} s");
        Assert.True(result.BytesAllocatedPerStep >= 0 && result.PeakWorkingSetBytes > 0);
        Assert.True(result.BaselineWorkingSetBytes > 0 && result.BaselineWorkingSetBytes <= result.PeakWorkingSetBytes,
            $"baseline {result.BaselineWorkingSetBytes} B, peak {result.PeakWorkingSetBytes} B");
        Assert.Equal((double)(result.PeakWorkingSetBytes - result.BaselineWorkingSetBytes) / options.RequiredBytes,
            result.WorkingSetRatio, 12);
        Assert.Equal((double)result.ManagedHeapBytes / options.RequiredBytes, result.ManagedRatio, 12);
        Assert.True(double.IsFinite(result.FinalLoss), $"loss {result.FinalLoss}");
    }

    // Run counts every thread's allocations (GC.GetTotalAllocatedBytes), which other tests running beside this one
    // would pollute; here the calling thread is counted, sizes large enough that the GEMM's workers take part.
    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Rnn)]
    public void Step_AfterWarmUp_AllocatesNothing(CellKind cell)
    {
        var bench =
            new TrainingBenchmark(new TrainingBenchmarkOptions(cell, HiddenSize: 64, Batch: 8, SequenceLength: 5,
            Vocabulary: 11));
        bench.Step();
        bench.Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++) bench.Step();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"three training steps allocated {allocated} bytes");
    }

    [Fact]
    public void Steps_LowerTheLoss_OnAFixedBatch()
    {
        var bench =
            new TrainingBenchmark(new TrainingBenchmarkOptions(HiddenSize: 16, Batch: 4, SequenceLength: 6,
            Vocabulary: 7, LearningRate: 1e-2));
        float first = bench.Step(), last = first;
        for (int i = 0; i < 30; i++) last = bench.Step();
        Assert.True(last < first - 0.1f, $"loss {first} → {last}");
    }

    [Fact]
    public void Median_OfOddAndEvenCounts()
    {
        Assert.Equal(2.0, TrainingBenchmark.Median([3.0, 1.0, 2.0]));
        Assert.Equal(2.5, TrainingBenchmark.Median([4.0, 1.0, 2.0, 3.0]));
    }

    [Fact]
    public void Sample_GeneratesAtBatchOne()
    {
        var (rate, bytes) =
            SampleBenchmark.Run(CellKind.Lstm, hiddenSize: 16, numLayers: 2, vocabulary: 7, characters: 100,
            warmUp: 10);
        Assert.True(rate > 0 && double.IsFinite(rate), $"{rate} characters per second");
        Assert.True(bytes >= 0);
    }
}
