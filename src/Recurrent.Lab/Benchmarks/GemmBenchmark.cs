using System.Diagnostics;
using Recurrent.Backends.Cpu;

namespace Recurrent.Lab.Benchmarks;

/// <summary>
/// Times the backend's matrix product (<see cref="CpuBackend.MatrixMultiply{T}"/>) in single precision, C = A·B with
/// neither operand transposed, α = 1, β = 0, on random operands. After <see cref="WarmUpSeconds"/> of untimed calls,
/// each repeat times a batch of calls lasting about <see cref="MinBatchSeconds"/> (small products run
/// many times, as in a time loop) and the result is the median over repeats, which shrugs off a noisy machine.
/// </summary>
public static class GemmBenchmark
{
    /// <summary>Shortest timed batch: long enough that timer resolution and one-off stalls do not matter.</summary>
    public const double MinBatchSeconds = 0.05;

    /// <summary>Untimed calls before measuring: the first shape would otherwise be timed partly in unoptimised
    /// code.</summary>
    public const double WarmUpSeconds = 0.2;

    /// <summary>Measures every shape in turn, reporting each result line through <paramref name="progress"/>.</summary>
    public static IReadOnlyList<GemmBenchmarkResult> Run(IEnumerable<GemmShape> shapes, int repeats,
        IProgress<string>? progress)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var results = new List<GemmBenchmarkResult>();
        foreach (GemmShape shape in shapes)
        {
            GemmBenchmarkResult result = Measure(shape, repeats);
            results.Add(result);
            progress?.Report($"{shape,-16} {result.GigaflopsPerSecond,8:F1} GFLOP/s  (median of {repeats}, " +
                $"{result.MedianSeconds * 1e3:F3} ms per product)");
        }
        return results;
    }

    /// <summary>Median seconds per product of one shape over <paramref name="repeats"/> timed batches.</summary>
    public static GemmBenchmarkResult Measure(GemmShape shape, int repeats)
    {
        var random = new Random(1234);
        float[] a = RandomMatrix(random, shape.M * shape.K);
        float[] b = RandomMatrix(random, shape.K * shape.N);
        float[] c = new float[shape.M * shape.N];
        void Once() =>
            CpuBackend.MatrixMultiply(false, false, shape.M, shape.N, shape.K, 1f, a, shape.K, b, shape.N, 0f, c,
            shape.N);

        // Warm-up: lets tiered compilation finish with everything the call touches, grows the packing buffers,
        // starts the worker threads, and sizes the batch from the last call.
        var clock = Stopwatch.StartNew();
        double single = 0;
        for (int calls = 0; calls < 3 || clock.Elapsed.TotalSeconds < WarmUpSeconds; calls++)
        {
            double before = clock.Elapsed.TotalSeconds;
            Once();
            single = Math.Max(clock.Elapsed.TotalSeconds - before, 1e-7);
        }
        int batch = (int)Math.Clamp(Math.Ceiling(MinBatchSeconds / single), 1, 1_000_000);

        var seconds = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            clock.Restart();
            for (int i = 0; i < batch; i++) Once();
            seconds[r] = clock.Elapsed.TotalSeconds / batch;
        }
        Array.Sort(seconds);
        double median = repeats % 2 == 1 ? seconds[repeats / 2]
            : 0.5 * (seconds[repeats / 2 - 1] + seconds[repeats / 2]);
        return new GemmBenchmarkResult(shape, median, repeats, CpuBackend.MaxThreads);
    }

    private static float[] RandomMatrix(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
