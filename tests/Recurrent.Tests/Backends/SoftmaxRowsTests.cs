using Recurrent.Backends.Cpu;
using Recurrent.Losses;
using Recurrent.Tensors;

namespace Recurrent.Tests.Backends;

/// <summary>
/// The fused float softmax cross-entropy: its vector row against the MathF twin on every tail width (the float exp is
/// Cephes' within 2 ulp, so they agree to rounding: 2e-6 relative to 1 + |value|), and the loss's float path (which
/// runs that row on the GEMM workers) against the generic path in double on the same logits (1e-5 relative), with
/// masked rows, in place, and with the same bits on 1 and 2 threads.
/// </summary>
public class SoftmaxRowsTests
{
    [Fact]
    public void Row_MatchesReference_ForEveryWidth()
    {
        var rng = new Random(3);
        for (int k = 1; k <= 70; k++)
            foreach (double spread in new[] { 1.0, 30.0 })
            {
                float[] z = [.. Enumerable.Range(0,
                    k).Select(_ => (float)((rng.NextDouble() * 2 - 1) * spread + 1000))];
                int c = rng.Next(k);
                float[] p = new float[k], pRef = new float[k];
                float loss = SoftmaxRows.CrossEntropyRow(z, p, c, 0.25f);
                float lossRef = SoftmaxRows.CrossEntropyRowReference(z, pRef, c, 0.25f);
                Close(lossRef, loss, $"ℓ, K = {k}");
                for (int j = 0; j < k; j++) Close(pRef[j], p[j], $"p[{j}], K = {k}");
                var inPlace = (float[])z.Clone();
                // z read before p is written
                Assert.Equal(loss, SoftmaxRows.CrossEntropyRow(inPlace, inPlace, c, 0.25f));
                Assert.Equal(p, inPlace);
            }
    }

    [Fact]
    public void Row_KeepsNaN()
    {
        float[] z = new float[20];
        z[13] = float.NaN;
        Assert.True(float.IsNaN(SoftmaxRows.CrossEntropyRow(z, new float[20], 2, 1f)), "a NaN logit makes a NaN loss");
    }

    [Fact]
    public void FloatLoss_MatchesDoubleLoss_OnEveryThreadCount()
    {
        const int rows = 700, k = 65; // over 2 × 128 rows: split on 2 threads
        var rng = new Random(11);
        var z = new Tensor<double>(rows, k);
        foreach (ref double v in z.Span) v = rng.NextDouble() * 8 - 4;
        var mask = new Tensor<double>(rows);
        foreach (ref double v in mask.Span) v = rng.Next(5) == 0 ? 0 : 1;
        int[] classes = [.. Enumerable.Range(0, rows).Select(_ => rng.Next(k))];
        var gradient = new Tensor<double>(rows, k);
        double expected = new SoftmaxCrossEntropy<double>().Compute(z, classes, mask, gradient);

        IDisposable? limit = null; // this flow's own thread count, ended below
        try
        {
            float[]? bits = null;
            float bitsLoss = 0;
            foreach (int threads in new[] { 1, 2 })
            {
                limit?.Dispose();
                limit = WorkerPool.Limit(threads);
                var zf = z.Convert<float>();
                // ∂C/∂z over z
                float loss = new SoftmaxCrossEntropy<float>().Compute(zf, classes, mask.Convert<float>(), zf);
                Assert.True(Math.Abs(loss - expected) <= 1e-5 * expected,
                    $"{threads} threads: loss {loss:R}, double {expected:R}");
                var g = zf.Span;
                for (int i = 0; i < g.Length; i++)
                    Assert.True(Math.Abs(g[i] - gradient.Span[i]) <= 1e-5 * (1e-3 + Math.Abs(gradient.Span[i])),
                        $"{threads} threads: ∂C/∂z[{i}] {g[i]:R}, double {gradient.Span[i]:R}");
                if (bits is null) (bits, bitsLoss) = (g.ToArray(), loss);
                else
                {
                    Assert.Equal(bitsLoss, loss);
                    Assert.Equal(bits, g.ToArray());
                }
            }
            var valueOnly =
                new SoftmaxCrossEntropy<float>().Compute(z.Convert<float>(), classes, mask.Convert<float>(), null);
            Assert.Equal(bitsLoss, valueOnly);
        }
        finally
        {
            limit?.Dispose();
        }
    }

    private static void Close(float expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 2e-6 * (1 + Math.Abs(expected)),
            $"{what}: {actual:R}, reference {expected:R}");
}
