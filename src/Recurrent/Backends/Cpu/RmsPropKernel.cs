using System.Runtime.CompilerServices;
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
        if (_wide) i = Run<FloatLanes512, Vector512<float>>(i, i1);
        if (Vector256.IsHardwareAccelerated) i = Run<FloatLanes256, Vector256<float>>(i, i1);
        for (; i < i1; i++)
        {
            float vi = v[i] * _alpha;
            vi = g[i] * g[i] * _oneMinusAlpha + vi;
            v[i] = vi;
            theta[i] = g[i] / (MathF.Sqrt(vi) + _epsilon) * _minusRate + theta[i];
        }
    }

    /// <summary>
    /// The update on whole vectors of <typeparamref name="TLanes"/>' width from element <paramref name="i"/> while
    /// one fits before <paramref name="i1"/>; returns where it stopped. One loop for both widths (the struct argument
    /// makes the JIT compile each on its own), each element through the scalar tail's operations in its order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Run<TLanes, TVector>(int i, int i1) where TLanes : struct, IFloatLanes<TVector> where TVector : struct
    {
        float* theta = _theta, g = _g, v = _v;
        var alpha = TLanes.Broadcast(_alpha);
        var oneMinusAlpha = TLanes.Broadcast(_oneMinusAlpha);
        var epsilon = TLanes.Broadcast(_epsilon);
        var minusRate = TLanes.Broadcast(_minusRate);
        for (int w = TLanes.Count; i <= i1 - w; i += w)
        {
            var gi = TLanes.Load(g + i);
            var vi = TLanes.Multiply(TLanes.Load(v + i), alpha);
            vi = TLanes.Add(TLanes.Multiply(TLanes.Multiply(gi, gi), oneMinusAlpha), vi);
            TLanes.Store(v + i, vi);
            var step = TLanes.Multiply(TLanes.Divide(gi, TLanes.Add(TLanes.Sqrt(vi), epsilon)), minusRate);
            TLanes.Store(theta + i, TLanes.Add(step, TLanes.Load(theta + i)));
        }
        return i;
    }
}
