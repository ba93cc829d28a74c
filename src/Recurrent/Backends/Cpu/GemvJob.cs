using System.Runtime.Intrinsics;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// c = α·a·Bᵀ + β·c for one row a (1×k) and B stored n×k (ldb): one dot product per output, reading each row of B once
/// and packing nothing. This is generation at batch 1 (h_{t−1} W_hhᵀ), where the blocked GEMM would spend its time
/// packing a B it multiplies once. Outputs are split in contiguous ranges over the workers.
/// <see cref="ReferenceGemm"/> stays its simple twin: Gemm's tests run m = 1 products through it.
/// </summary>
internal sealed unsafe class GemvJob : IParallelJob
{
    /// <summary>n·k at and above which the outputs are shared among threads (a 512×512 matrix and up).</summary>
    internal const long ParallelThreshold = 1L << 18;

    [ThreadStatic] private static GemvJob? current;

    private float* a, b, c;
    private int n, k, ldb, parts;
    private float alpha, beta;

    /// <summary>Runs the product over up to <paramref name="threads"/> threads.</summary>
    public static void Run(float* a, float* b, int ldb, float* c, int n, int k, float alpha, float beta, int threads)
    {
        var job = current ??= new GemvJob();
        job.a = a;
        job.b = b;
        job.c = c;
        (job.n, job.k, job.ldb, job.alpha, job.beta) = (n, k, ldb, alpha, beta);
        job.parts = (long)n * k >= ParallelThreshold ? Math.Max(1, Math.Min(threads, n / 64)) : 1;
        if (job.parts <= 1) job.Execute(0);
        else WorkerPool.Run(job, job.parts);
        job.a = job.b = job.c = null;
    }

    public void Execute(int part)
    {
        var (start, end) = WorkerPool.Share(n, parts, part);
        for (int j = start; j < end; j++)
        {
            float dot = Dot(a, b + (long)j * ldb, k) * alpha;
            c[j] = beta == 0 ? dot : dot + beta * c[j];
        }
    }

    private static float Dot(float* x, float* y, int length)
    {
        int i = 0;
        float sum = 0;
        if (Vector256.IsHardwareAccelerated && length >= 32)
        {
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; i <= length - 32; i += 32)
            {
                s0 += Vector256.Load(x + i) * Vector256.Load(y + i);
                s1 += Vector256.Load(x + i + 8) * Vector256.Load(y + i + 8);
                s2 += Vector256.Load(x + i + 16) * Vector256.Load(y + i + 16);
                s3 += Vector256.Load(x + i + 24) * Vector256.Load(y + i + 24);
            }
            sum = Vector256.Sum((s0 + s1) + (s2 + s3));
        }
        for (; i < length; i++) sum += x[i] * y[i];
        return sum;
    }
}
