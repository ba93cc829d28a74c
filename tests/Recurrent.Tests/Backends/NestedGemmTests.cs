namespace Recurrent.Tests.Backends;

using Recurrent.Backends.Cpu;

/// <summary>
/// A parallel job whose parts call GEMM themselves (the recurrent layer runs whole time loops as parts): the nested
/// products must run on their own threads, not be handed to workers busy with the outer job, and be right.
/// </summary>
public class NestedGemmTests
{
    [Fact]
    public async Task PartsCallingParallelSizedGemm_FinishWithRightResults()
    {
        IDisposable? limit = null; // this flow's own thread count, ended below
        try
        {
            limit?.Dispose();
            limit = WorkerPool.Limit(4);
            var job = new NestedJob(4);
            int caller = 0;
            await Task.Run(() =>
            {
                caller = Environment.CurrentManagedThreadId;
                WorkerPool.Run(job, 4);
            }).WaitAsync(TimeSpan.FromSeconds(60)); // throws if a nested GEMM dead-locks
            // When another test's GEMM held the workers, the parts ran one after another on the caller, outside any
            // job.
            bool dispatched = job.Thread.Any(id => id != caller);
            for (int part = 0; part < 4; part++)
            {
                Assert.True(!dispatched || job.SawInsideJob[part],
                    $"part {part} ran beside the workers but not as part of a job");
                Assert.True(job.LargestError[part] <= 1e-3,
                    $"part {part}: largest difference {job.LargestError[part]:G3} from the reference");
            }
        }
        finally
        {
            limit?.Dispose();
        }
    }

    private sealed class NestedJob(int parts) : IParallelJob
    {
        public bool[] SawInsideJob { get; } = new bool[parts];
        public int[] Thread { get; } = new int[parts];
        public double[] LargestError { get; } = new double[parts];

        public void Execute(int part)
        {
            SawInsideJob[part] = WorkerPool.InsideJob;
            Thread[part] = Environment.CurrentManagedThreadId;
            const int m = 120, n = 130, k = 100; // m·n·k above Gemm.ParallelThreshold, so the product would split
            var random = new Random(part);
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n], expected = new float[m * n];
            for (int i = 0; i < a.Length; i++) a[i] = (float)random.NextDouble() - 0.5f;
            for (int i = 0; i < b.Length; i++) b[i] = (float)random.NextDouble() - 0.5f;
            Gemm.Multiply(false, false, m, n, k, 1f, a, k, b, n, 0f, c, n);
            ReferenceGemm.Multiply(false, false, m, n, k, 1f, a, k, b, n, 0f, expected, n);
            for (int i = 0; i < c.Length; i++)
                LargestError[part] = Math.Max(LargestError[part], Math.Abs(c[i] - expected[i]));
        }
    }
}
