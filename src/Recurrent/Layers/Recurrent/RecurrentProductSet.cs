using Recurrent.Backends.Cpu;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// A cell's per-step products with blocks of W_hh (<see cref="RecurrentProduct"/>), by the index the cell uses, and
/// each one's slot among the packs of its own pass (<see cref="RecurrentWeightPacks{T}"/>). Fixed by the cell's shape,
/// so one set serves every call on any thread; what changes per call (the packed blocks) travels with the step.
/// </summary>
internal sealed class RecurrentProductSet<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RecurrentProduct[] _products;
    private readonly int[] _slots;

    public RecurrentProductSet(RecurrentProduct[] products)
    {
        _products = products;
        _slots = new int[products.Length];
        int forward = 0, backward = 0;
        for (int i = 0; i < products.Length; i++) _slots[i] = products[i].Backward ? backward++ : forward++;
    }

    /// <summary>Packs the blocks of W_hh (leading dimension H) that one direction's products read.</summary>
    public void Pack(RecurrentWeightPacks<T> packs, ReadOnlySpan<T> weightHh, int hiddenSize, bool backward)
    {
        for (int i = 0; i < _products.Length; i++)
        {
            var p = _products[i];
            if (p.Backward == backward)
                packs.Slot(_slots[i]).Pack(p.TransB, p.K, p.N, weightHh[p.Offset..], hiddenSize);
        }
    }

    /// <summary>
    /// C = A·op(W) + β·C for product <paramref name="product"/> over the step's rows: from the packed block when the
    /// step carries packs, else from W_hh itself (the same bits either way).
    /// </summary>
    /// <param name="a">(B, K) with leading dimension <paramref name="lda"/>.</param>
    /// <param name="c">(B, N) with leading dimension <paramref name="ldc"/>.</param>
    public void Multiply(in RecurrentStep<T> step, int product, ReadOnlySpan<T> a, int lda, T beta, Span<T> c, int ldc,
        ReadOnlySpan<T> weightHh, int hiddenSize)
    {
        var p = _products[product];
        if (step.Packs is { } packs)
            Gemm.Multiply(false, step.Batch, T.One, a, lda, packs.Slot(_slots[product]), beta, c, ldc);
        else
            Gemm.Multiply(false, p.TransB, step.Batch, p.N, p.K, T.One, a, lda, weightHh[p.Offset..], hiddenSize, beta,
                c, ldc);
    }
}
