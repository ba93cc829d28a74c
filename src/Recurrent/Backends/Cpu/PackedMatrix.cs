using System.Runtime.InteropServices;

namespace Recurrent.Backends.Cpu;

/// <summary>
/// A B operand of <see cref="Gemm"/> packed once into the micro-kernel's sliver layout, for products that reuse one
/// matrix many times: the recurrent weights W_hh, multiplied at every step of a sequence, forward (h·W_hhᵀ) and
/// backward (da·W_hh).
/// <see cref="Gemm.Multiply{T}(bool, int, T, ReadOnlySpan{T}, int, PackedMatrix{T}, T, Span{T}, int)"/>
/// then packs only A, and any number of threads may read one packed matrix at once.
/// </summary>
/// <remarks>
/// Layout: op(B) (K×N) cut in depth blocks of the kernel's Kc rows; block p (from row p0) holds ⌈N/Nr⌉ slivers of
/// kc×Nr (<see cref="GemmPacking.PackB{T, TKernel}"/>'s layout) and starts at p0·⌈N/Nr⌉·Nr, so the panel of columns
/// from j0 (a multiple of Nr) lies at p0·⌈N/Nr⌉·Nr + j0·kc. The driver reads it exactly where it would have packed its
/// own panel, so the products are the same to the last bit. Native memory, 64-byte aligned, grown on demand, freed by
/// the finalizer; packing again the same shape allocates nothing.
/// </remarks>
internal sealed unsafe class PackedMatrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const nuint Alignment = 64;

    private void* _data;
    private nuint _bytes;

    /// <summary>Rows of op(B), the product's inner size k.</summary>
    public int K { get; private set; }

    /// <summary>Columns of op(B), the product's n.</summary>
    public int N { get; private set; }

    /// <summary>Values between the starts of consecutive depth rows of slivers: ⌈N/Nr⌉·Nr.</summary>
    internal nint Stride { get; private set; }

    /// <summary>The kernel whose layout the values are in; the product must run the same kernel.</summary>
    internal GemmKernel Kernel { get; private set; }

    /// <summary>The packed values (null before the first Pack).</summary>
    internal T* Data => (T*)_data;

    /// <summary>Packs op(B) (k×n) for the kernel <see cref="Gemm"/> would use for T on this machine.</summary>
    /// <param name="transB">Use Bᵀ: B is stored n×k (ldb ≥ k) instead of k×n (ldb ≥ n).</param>
    public void Pack(bool transB, int k, int n, ReadOnlySpan<T> b, int ldb) =>
        Pack(transB, k, n, b, ldb, KernelSelection.Current);

    /// <summary>As <see cref="Pack(bool, int, int, ReadOnlySpan{T}, int)"/> in the layout of the kernel
    /// <paramref name="instructionSet"/> picks.</summary>
    internal void Pack(bool transB, int k, int n, ReadOnlySpan<T> b, int ldb, CpuInstructionSet instructionSet)
    {
        GemmArguments.Validate(false, transB, 1, n, k, k, Math.Max(1, k), b.Length, ldb, n, Math.Max(1, n));
        var kernel = Gemm.KernelFor<T>(instructionSet);
        fixed (T* pb = b)
        {
            switch (kernel)
            {
                case GemmKernel.Avx512Single: Fill<float, Avx512SingleKernel>(transB, k, n, (float*)pb, ldb); break;
                case GemmKernel.Avx2Single: Fill<float, Avx2SingleKernel>(transB, k, n, (float*)pb, ldb); break;
                case GemmKernel.Avx2Double: Fill<double, Avx2DoubleKernel>(transB, k, n, (double*)pb, ldb); break;
                default: Fill<T, PortableKernel<T>>(transB, k, n, pb, ldb); break;
            }
        }
        (K, N, Kernel) = (k, n, kernel);
    }

    private void Fill<TValue, TKernel>(bool transB, int k, int n, TValue* b, int ldb)
        where TValue : unmanaged, IFloatingPointIeee754<TValue> where TKernel : IGemmMicroKernel<TValue>
    {
        int nr = TKernel.Nr, stride = (n + nr - 1) / nr * nr;
        var dst = (TValue*)Ensure((nuint)stride * (nuint)Math.Max(k, 1) * (nuint)sizeof(TValue));
        for (int p0 = 0; p0 < k; p0 += TKernel.Kc)
            GemmPacking.PackB<TValue,
                TKernel>(transB, b, ldb, p0, 0, Math.Min(TKernel.Kc, k - p0), n, dst + (nint)p0 * stride);
        Stride = stride;
    }

    private void* Ensure(nuint bytes)
    {
        if (bytes <= _bytes) return _data;
        NativeMemory.AlignedFree(_data);
        _data = null;
        _bytes = 0;
        _data = NativeMemory.AlignedAlloc(bytes, Alignment);
        _bytes = bytes;
        return _data;
    }

    /// <summary>Frees the native values.</summary>
    ~PackedMatrix() => NativeMemory.AlignedFree(_data);
}
