namespace Recurrent.Backends.Cpu;

/// <summary>
/// A register-blocked GEMM micro-kernel and the cache blocking that feeds it. Implemented by structs so that
/// <see cref="GemmDriver{T, TKernel}"/> is specialised per kernel and every size below folds to a constant.
/// </summary>
/// <remarks>
/// Packed layouts (see <see cref="GemmPacking"/>): an A sliver is kc columns of <see cref="Mr"/> values
/// (a[p·Mr + i] = op(A)[i, p]); a B sliver is kc rows of <see cref="Nr"/> values (b[p·Nr + j] = op(B)[p, j]).
/// </remarks>
internal unsafe interface IGemmMicroKernel<T> where T : unmanaged
{
    /// <summary>Rows of C computed per call.</summary>
    static abstract int Mr { get; }

    /// <summary>Columns of C computed per call.</summary>
    static abstract int Nr { get; }

    /// <summary>Rows of the packed A block, sized so the block stays in L2 (a multiple of <see cref="Mr"/>).</summary>
    static abstract int Mc { get; }

    /// <summary>Depth of one packed block: one B sliver (Kc·Nr) near the core (L1/L2), deep enough to amortise writing
    /// C.</summary>
    static abstract int Kc { get; }

    /// <summary>Columns of the packed B panel, sized for L3 (a multiple of <see cref="Nr"/>).</summary>
    static abstract int Nc { get; }

    /// <summary>
    /// The Mr×Nr tile c[i·ldc + j] = α·Σₚ a[p·Mr + i]·b[p·Nr + j] + β·c[i·ldc + j] over p &lt; kc;
    /// β = 0 overwrites C without reading it, so NaN already there cannot leak.
    /// </summary>
    static abstract void Compute(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta);

    /// <summary>
    /// The most rows below <see cref="Mr"/> that <see cref="ComputeFewRows"/> handles; 0 (the default) when the kernel
    /// has no such path and a short sliver goes through <see cref="Compute"/> on a scratch tile.
    /// </summary>
    static virtual int FewRows => 0;

    /// <summary>
    /// The rows×2·Nr block c[i·ldc + j] = α·Σₚ a[p·Mr + i]·b[p·Nr + j] + β·c[i·ldc + j] for i &lt; rows ≤
    /// <see cref="FewRows"/>, j over two adjacent B slivers (the second at b + Kc·Nr for this kc): the last rows of a
    /// batch (50 = 8·6 + 2) cost a third of a full tile instead of one. Written as the scratch-tile path writes them
    /// (α·acc + β·c, unfused), so results do not depend on which path ran.
    /// </summary>
    static virtual void ComputeFewRows(int rows, int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta) =>
        throw new NotSupportedException("this kernel has no few-rows path");

    /// <summary>
    /// Whether the kernel also reads A where it lies, row-major (<see cref="ComputeRowMajorA"/>): for products one
    /// depth block deep or with B packed beforehand (see <see cref="GemmDriver{T, TKernel}"/>), where packing A would
    /// copy it only to read the copy from L2 as often as the original.
    /// </summary>
    static virtual bool ReadsRowMajorA => false;

    /// <summary>
    /// The fewest rows <see cref="ComputeRowMajorA"/> takes (at most <see cref="Mr"/>): a block of A read in place can
    /// be cut into slivers of unequal heights, say 25 rows into five of 5 rather than four of 6 and a short tail.
    /// Kernels that read A in place must set it.
    /// </summary>
    static virtual int MinRowMajorRows => int.MaxValue;

    /// <summary>
    /// <see cref="Compute"/> on <paramref name="rows"/> (<see cref="MinRowMajorRows"/> … <see cref="Mr"/>) rows with
    /// op(A)[i, p] at a[i·lda + p] instead of a packed sliver: the same products in the same order, so the same bits.
    /// All those rows must exist; rows of C past them are not touched.
    /// </summary>
    static virtual void ComputeRowMajorA(int rows, int kc, T* a, nint lda, T* b, T* c, nint ldc, T alpha, T beta) =>
        throw new NotSupportedException("this kernel reads packed A only");

    /// <summary><see cref="ComputeFewRows"/> with op(A)[i, p] at a[i·lda + p]; rows past <paramref name="rows"/> are
    /// never read.</summary>
    static virtual void ComputeFewRowsRowMajorA(int rows, int kc, T* a, nint lda, T* b, T* c, nint ldc, T alpha,
        T beta) =>
        throw new NotSupportedException("this kernel reads packed A only");
}
