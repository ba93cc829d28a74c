using Recurrent.Lab.Benchmarks;

namespace Recurrent.Tests.Lab.Benchmarks;

/// <summary>The benchmark behind `recurrent bench gemm`: its standard shapes and what one run reports.</summary>
public class GemmBenchmarkTests
{
    [Fact]
    public void StandardShapes_AreTheSquaresThenTheRnnProducts_WrittenMxKxN()
    {
        Assert.Equal(["256×256×256", "512×512×512", "1024×1024×1024", "2048×2048×2048", "50×128×512", "50×512×2048",
            "2500×512×2048"],
            GemmShape.Standard.Select(shape => shape.ToString()));
        var step = GemmShape.Standard[5];
        Assert.Equal((50, 512, 2048), (step.M, step.K, step.N));
        Assert.Equal(2.0 * 50 * 512 * 2048, step.Flops);
    }

    [Fact]
    public void Run_ReportsEachShape_WithPositiveRate()
    {
        var lines = new List<string>();
        var results = GemmBenchmark.Run([new GemmShape(8, 16, 24)], repeats: 3, new SynchronousProgress(lines));
        GemmBenchmarkResult result = Assert.Single(results);
        Assert.True(result.MedianSeconds > 0 && double.IsFinite(result.GigaflopsPerSecond)
            && result.GigaflopsPerSecond > 0,
            $"median {result.MedianSeconds} s, {result.GigaflopsPerSecond} GFLOP/s");
        Assert.Equal(3, result.Repeats);
        Assert.Contains("8×16×24", Assert.Single(lines));
    }

    // Progress<T> posts to the thread pool; the test needs the line before it asserts.
    private sealed class SynchronousProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
