namespace Recurrent.Layers.Recurrent;

/// <summary>
/// One time step's buffers as the time loop hands them to a <see cref="RecurrentCell{T}"/>: every span is a row-major
/// (B, ·) block of that step, so a cell's Forward and Backward take one argument instead of a dozen spans.
/// Glossary: B rows (<see cref="Batch"/>), H hidden size, GH gate width, K cache width (<see
/// cref="RecurrentCell{T}"/>).
/// </summary>
/// <remarks>
/// Forward reads <see cref="Cache"/> (xp in its first GH columns), <see cref="HPrev"/> and <see cref="CPrev"/>, and
/// writes the step's cache over <see cref="Cache"/>, h_t into <see cref="H"/> and c_t into <see cref="C"/>. Backward
/// reads <see cref="Cache"/>, <see cref="HPrev"/>, <see cref="CPrev"/>, <see cref="C"/>, <see cref="Dh"/> and <see
/// cref="Dc"/>, and writes <see cref="Gradients"/>, <see cref="DhPrev"/> and <see cref="DcPrev"/>. Spans a cell has no
/// use for (c without a cell state, scratch for a cell whose <see cref="RecurrentCell{T}.ScratchWidth"/> is 0) are
/// empty.
/// </remarks>
internal readonly ref struct RecurrentStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>B, the rows of every block.</summary>
    public int Batch { get; init; }

    /// <summary>(B, K): xp in the gate columns on entry to Forward, the step's cache after it.</summary>
    public Span<T> Cache { get; init; }

    /// <summary>(B, H) h_t: written by Forward.</summary>
    public Span<T> H { get; init; }

    /// <summary>(B, H) c_t: written by Forward, read by Backward; empty without a cell state.</summary>
    public Span<T> C { get; init; }

    /// <summary>(B, H) h_{t−1}.</summary>
    public ReadOnlySpan<T> HPrev { get; init; }

    /// <summary>(B, H) c_{t−1}; empty without a cell state.</summary>
    public ReadOnlySpan<T> CPrev { get; init; }

    /// <summary>(B, ScratchWidth) work space, contents undefined on entry and exit.</summary>
    public Span<T> Scratch { get; init; }

    /// <summary>(B, H) ∂C/∂h_t, from this step's output and from later steps.</summary>
    public ReadOnlySpan<T> Dh { get; init; }

    /// <summary>(B, H) ∂C/∂c_t from later steps; empty without a cell state.</summary>
    public ReadOnlySpan<T> Dc { get; init; }

    /// <summary>
    /// (B, K) receives ∂C/∂xp_t in the first GH columns and, where the cell's recurrent gradient differs
    /// (<see cref="RecurrentCell{T}.HasSeparateRecurrentGradient"/>), its other blocks past GH. Usually
    /// <see cref="Cache"/> itself: every cell reads a unit's cached values before it writes that unit's gradients.
    /// </summary>
    public Span<T> Gradients { get; init; }

    /// <summary>(B, H) receives ∂C/∂h_{t−1} through this step.</summary>
    public Span<T> DhPrev { get; init; }

    /// <summary>(B, H) receives ∂C/∂c_{t−1}; empty without a cell state.</summary>
    public Span<T> DcPrev { get; init; }

    /// <summary>The packed blocks of W_hh the time loop holds for this pass, or null to multiply by W_hh
    /// itself.</summary>
    public RecurrentWeightPacks<T>? Packs { get; init; }
}
