using System.Runtime.Intrinsics;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// Plain RMSprop's update (no weight decay, momentum or centring) in one pass over float parameters, split over the
/// GEMM workers: per element, in this order and each operation rounded as the span-by-span path rounds it,
/// <code>v ← v·α;  v ← g²·(1 − α) + v;  θ ← (g / (√v + ε))·(−γ) + θ</code>
/// Elements are independent, so the bits equal <see cref="Optimizers.RmsProp{T}"/>'s TensorPrimitives passes for any
/// thread count (tested). It replaces eight passes per 1,024-element chunk on one thread by one pass on every core.
/// </summary>
internal sealed unsafe class RmsPropKernel : IParallelJob
{
    // Fewest elements worth a thread: one pass reads and writes 16 bytes per element, so a part must be long to
    // outweigh the hand-off (docs/benchmarks.md).
    private const int MinPerPart = 1 << 15;

    private float* _theta, _g, _v;
    private int _count, _parts;
    private float _alpha, _oneMinusAlpha, _epsilon, _minusRate;
    private bool _wide;

    /// <summary>Applies the update to <paramref name="theta"/> and <paramref name="v"/> (same lengths as
    /// <paramref name="g"/>).</summary>
    public void Update(Span<float> theta, ReadOnlySpan<float> g, Span<float> v, float alpha, float oneMinusAlpha,
        float epsilon, float minusRate) =>
        Update(theta, g, v, alpha, oneMinusAlpha, epsilon, minusRate, KernelSelection.Wide);

    /// <summary>As <see cref="Update(Span{float}, ReadOnlySpan{float}, Span{float}, float, float, float, float)"/>,
    /// 512 bits at a time when <paramref name="wide"/>: the same operations per element, so the same bits.</summary>
    internal void Update(Span<float> theta, ReadOnlySpan<float> g, Span<float> v, float alpha, float oneMinusAlpha,
        float epsilon, float minusRate, bool wide)
    {
        _wide = wide && Vector512.IsHardwareAccelerated;
        if (theta.Length != g.Length || v.Length != g.Length)
            throw new ArgumentException("RMSprop: θ, g and v must have one length");
        fixed (float* pt = theta, pg = g, pv = v)
        {
            _theta = pt;
            _g = pg;
            _v = pv;
            _count = g.Length;
            (_alpha, _oneMinusAlpha, _epsilon, _minusRate) = (alpha, oneMinusAlpha, epsilon, minusRate);
            _parts = WorkerPool.PartsFor(g.Length, MinPerPart);
            try
            {
                WorkerPool.Run(this, _parts);
            }
            finally
            {
                _theta = _g = _v = null;
            }
        }
    }

    /// <summary>Elements [i0, i1) of part <paramref name="part"/>, cut on multiples of 8.</summary>
    public void Execute(int part)
    {
        var (i0, i1) = WorkerPool.Share(_count, _parts, part, granule: 8);
        float* theta = _theta, g = _g, v = _v;
        int i = i0;
        if (_wide)
        {
            var alpha = Vector512.Create(_alpha);
            var oneMinusAlpha = Vector512.Create(_oneMinusAlpha);
            var epsilon = Vector512.Create(_epsilon);
            var minusRate = Vector512.Create(_minusRate);
            for (; i <= i1 - 16; i += 16)
            {
                var gi = Vector512.Load(g + i);
                var vi = Vector512.Load(v + i) * alpha;
                vi = gi * gi * oneMinusAlpha + vi;
                Vector512.Store(vi, v + i);
                Vector512.Store(gi / (Vector512.Sqrt(vi) + epsilon) * minusRate + Vector512.Load(theta + i), theta + i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var alpha = Vector256.Create(_alpha);
            var oneMinusAlpha = Vector256.Create(_oneMinusAlpha);
            var epsilon = Vector256.Create(_epsilon);
            var minusRate = Vector256.Create(_minusRate);
            for (; i <= i1 - 8; i += 8)
            {
                var gi = Vector256.Load(g + i);
                var vi = Vector256.Load(v + i) * alpha;
                vi = gi * gi * oneMinusAlpha + vi;
                Vector256.Store(vi, v + i);
                Vector256.Store(gi / (Vector256.Sqrt(vi) + epsilon) * minusRate + Vector256.Load(theta + i), theta + i);
            }
        }
        for (; i < i1; i++)
        {
            float vi = v[i] * _alpha;
            vi = g[i] * g[i] * _oneMinusAlpha + vi;
            v[i] = vi;
            theta[i] = g[i] / (MathF.Sqrt(vi) + _epsilon) * _minusRate + theta[i];
        }
    }
}
