using System.Diagnostics;
using Recurrent.Sequences;
using Recurrent.Tensors;
using Xunit.Abstractions;

namespace Recurrent.Tests.Reliability;

/// <summary>
/// One loaded model serving predictions from 8 threads for a while: every answer equals the serial one bit for bit,
/// and the managed heap does not grow (measured after full collections at the start and the end, with 16 MiB of
/// slack for the runtime's own caches), nor the process's working set from a quarter of the run to its end (64 MiB of
/// slack: it moves with the collector's own sizing). The suite runs 2 s; tools/concurrency-soak.sh sets
/// RECURRENT_SOAK_SECONDS=60.
/// </summary>
public sealed class ConcurrencyTests(ITestOutputHelper output) : IDisposable
{
    private const int Threads = 8, T = 12, B = 4, F = 3;
    private readonly string _directory = Directory.CreateTempSubdirectory("concurrency-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static double Seconds =>
        double.TryParse(Environment.GetEnvironmentVariable("RECURRENT_SOAK_SECONDS"), out double s) && s > 0 ? s : 2;

    [Fact]
    public void OneLoadedModel_PredictingFrom8Threads_GivesTheSerialResults_WithoutGrowingMemory()
    {
        string path = Path.Combine(_directory, "model.safetensors");
        new SequenceModel(new SequenceModelOptions
        {
            InputSize = F, HiddenSize = 16, OutputSize = 3, Pooling = PoolingKind.Attention,
        }, seed: 7).Save(path);
        var model = SequenceModel.Load(path);
        var rng = new Random(8);
        var inputs = Enumerable.Range(0, 64).Select(_ =>
        {
            var x = new Tensor<float>(T, B, F);
            for (int i = 0; i < x.Span.Length; i++) x.Span[i] = (float)(rng.NextDouble() * 2 - 1);
            int[] lengths = [.. Enumerable.Range(0, B).Select(_ => rng.Next(1, T + 1))];
            return (x, lengths);
        }).ToArray();
        var serial = inputs.Select(c => model.Predict(c.x, c.lengths).Span.ToArray()).ToArray();

        long heapBefore = Heap();
        long calls = 0, mismatches = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Threads).Select(w => new Thread(() =>
        {
            for (int i = w; clock.Elapsed.TotalSeconds < Seconds; i = (i + 1) % inputs.Length)
            {
                var answer = model.Predict(inputs[i].x, inputs[i].lengths).Span;
                if (!answer.SequenceEqual(serial[i])) Interlocked.Increment(ref mismatches);
                Interlocked.Increment(ref calls);
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        // The process as a whole (native GEMM buffers, runtime) after a quarter of the run, when every thread has
        // allocated what it needs, and at the end: a leak per prediction would show as growth between the two.
        Thread.Sleep(TimeSpan.FromSeconds(Seconds / 4));
        long workingSetEarly = Environment.WorkingSet;
        workers.ForEach(t => t.Join());
        long workingSetGrowth = Environment.WorkingSet - workingSetEarly;
        long growth = Heap() - heapBefore;
        output.WriteLine($"{calls:N0} predictions from {Threads} threads in {clock.Elapsed.TotalSeconds:F1} s, " +
            $"{mismatches} differing from the serial answer, managed heap grew {growth / 1024.0:F0} KiB, process " +
            $"working set grew {workingSetGrowth / 1024.0 / 1024.0:F1} MiB from a quarter of the run to its end");
        Assert.Equal(0, mismatches);
        Assert.True(calls >= Threads, $"only {calls} predictions");
        Assert.True(growth < 16 << 20, $"the managed heap grew by {growth:N0} bytes");
        Assert.True(workingSetGrowth < 64 << 20, $"the working set grew by {workingSetGrowth:N0} bytes");
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
