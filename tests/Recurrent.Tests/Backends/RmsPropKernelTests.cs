using Recurrent.Backends.Cpu;
using Recurrent.Optimizers;

namespace Recurrent.Tests.Backends;

/// <summary>
/// RMSprop's fused float update against the span-by-span chunks it replaces (the path PyTorch's trajectories check):
/// the same operations in the same order, so the same bits, on 1 and 2 threads and on lengths with vector tails.
/// </summary>
public class RmsPropKernelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(70_001)] // two parts and a tail
    public void FusedUpdate_EqualsChunks_BitForBit(int count)
    {
        var rng = new Random(count);
        float[] start = [.. Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1))];
        float[][] grads = [.. Enumerable.Range(0, 3).Select(_ =>
            Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 0.2 - 0.1)).ToArray())];
        float[] Run(bool fused, int threads)
        {
            IDisposable? limit = null; // this flow's own thread count, ended below
            try
            {
                limit?.Dispose();
                limit = WorkerPool.Limit(threads);
                var optimizer = new RmsProp<float>(new RmsPropOptions(2e-3)) { UseFusedUpdate = fused };
                var theta = (float[])start.Clone();
                foreach (var g in grads) optimizer.Step(theta, g);
                return theta;
            }
            finally
            {
                limit?.Dispose();
            }
        }
        var chunks = Run(fused: false, threads: 1);
        Assert.NotEqual(start, chunks);
        Assert.Equal(chunks, Run(fused: true, threads: 1));
        Assert.Equal(chunks, Run(fused: true, threads: 2));
    }
}
