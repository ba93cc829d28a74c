using Recurrent.Backends.Cpu;
using Recurrent.Parameters;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// One step of a recurrent cell (Elman RNN, LSTM, GRU) and the sequence-level work around it, in PyTorch's parameter
/// layout. A cell holds parameters only, never sequence state: <see cref="RecurrentLayer{T}"/> owns the time loop and
/// every buffer, and calls, in order, <see cref="ProjectInputs"/> once for all steps, <see cref="Forward"/> per step,
/// <see cref="Backward"/> per step in reverse, then <see cref="AccumulateParameterGradients"/> and
/// <see cref="BackwardInputs"/> once for all steps.
/// Glossary: N rows (T·B steps × batch, flattened), B batch, I input size, H hidden size, G gate count, GH = G·H;
/// x input, h hidden state, c cell state (LSTM); xp = x W_ihᵀ + b the input projection with every bias that can be
/// folded into it; dxp = ∂C/∂xp; dhp = ∂C/∂(W_hh h + b_hh), the gradient of the recurrent product.
/// </summary>
/// <remarks>
/// <para>Parameters are declared under PyTorch's names with the owner's suffix (e.g. "_l0", "_l1_reverse") and optional
/// prefix (e.g. "rnn."): "{prefix}weight_ih{suffix}" (GH, I), "{prefix}weight_hh{suffix}" (GH, H) and, with bias,
/// "{prefix}bias_ih{suffix}" and "{prefix}bias_hh{suffix}" (GH), gates stacked in PyTorch's order. All start
/// U(−1/√H, +1/√H) as in PyTorch.</para>
/// <para>The per-step cache a cell keeps for its backward pass is <see cref="CacheWidth"/> values per batch row; step t
/// owns the contiguous slice [t·B·K, (t+1)·B·K) of the layer's cache. Its first GH columns are the gate columns: the
/// input projection xp is written there before the step runs, and the step's backward writes dxp over them, so the
/// layer keeps no separate (T, B, GH) buffers for either. xp, dxp and dhp are therefore (·, K) blocks with leading
/// dimension K whose first GH columns count; the rest of each cache row is laid out as the cell likes.</para>
/// <para>A step's buffers come as one <see cref="RecurrentStep{T}"/>. Backward passes overwrite their step outputs and
/// ADD into parameter gradients (zeroed once per training step). Whatever one call needs to remember for a later one
/// (the input projection's findings, packed weights) lives in the caller's workspace, so one cell may serve several
/// layers and threads at once.</para>
/// </remarks>
public abstract class RecurrentCell<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private RecurrentProductSet<T>? _products; // the per-step products with W_hh (fixed by the cell's shape)

    /// <summary>Declares weight_ih, weight_hh and (with <paramref name="bias"/>) bias_ih, bias_hh in <paramref
    /// name="parameters"/>.</summary>
    /// <param name="parameters">The model's parameter set, not yet sealed.</param>
    /// <param name="inputSize">I.</param>
    /// <param name="hiddenSize">H.</param>
    /// <param name="gateCount">G, the gates stacked in the weights.</param>
    /// <param name="bias">Whether bias_ih and bias_hh exist.</param>
    /// <param name="suffix">Appended to every name, e.g. "_l0"; "" for a lone cell.</param>
    /// <param name="biasIhInitializer">Override of bias_ih's initializer (the LSTM's forget bias); PyTorch's default
    /// when null.</param>
    /// <param name="biasHhInitializer">Override of bias_hh's initializer; PyTorch's default when null.</param>
    /// <param name="prefix">Put before every name, e.g. "rnn." for a submodule of a larger model; "" by
    /// default.</param>
    protected RecurrentCell(ParameterSet<T> parameters, int inputSize, int hiddenSize, int gateCount, bool bias,
        string suffix,
        IInitializer? biasIhInitializer = null, IInitializer? biasHhInitializer = null, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(suffix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        GateCount = gateCount;
        Suffix = suffix;
        Prefix = prefix;
        var init = new PyTorchDefaultInitializer(hiddenSize);
        WeightIh = parameters.Add(prefix + "weight_ih" + suffix, [GateWidth, inputSize], init);
        WeightHh = parameters.Add(prefix + "weight_hh" + suffix, [GateWidth, hiddenSize], init);
        if (bias)
        {
            BiasIh = parameters.Add(prefix + "bias_ih" + suffix, [GateWidth], biasIhInitializer ?? init);
            BiasHh = parameters.Add(prefix + "bias_hh" + suffix, [GateWidth], biasHhInitializer ?? init);
        }
    }

    /// <summary>Input size I.</summary>
    public int InputSize { get; }

    /// <summary>Hidden size H.</summary>
    public int HiddenSize { get; }

    /// <summary>Gates stacked in the weights: 1 (RNN), 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n).</summary>
    public int GateCount { get; }

    /// <summary>G·H, the rows of weight_ih and weight_hh and the width of xp.</summary>
    public int GateWidth => GateCount * HiddenSize;

    /// <summary>The prefix of this cell's parameter names, e.g. "rnn."; usually "".</summary>
    public string Prefix { get; }

    /// <summary>The suffix of this cell's parameter names, e.g. "_l0".</summary>
    public string Suffix { get; }

    /// <summary>True when the state carries a cell state c besides h (LSTM).</summary>
    public abstract bool HasCellState { get; }

    /// <summary>K, the values per batch row a step caches for its backward pass.</summary>
    public abstract int CacheWidth { get; }

    /// <summary>
    /// True when a step's cache is h_t itself: K = H, and after a forward step the cache row holds h_t's values,
    /// while backward reads nothing else from it (the Elman cell, whose f′ comes from a = h_t). The layer then keeps no
    /// cache: it projects xp into h's storage, runs each step in place there, and gives backward a separate block for
    /// the gradients. Padded rows, whose h is carried over the cache, get zero gradients from any finite cache.
    /// </summary>
    public virtual bool StateIsCache => false;

    /// <summary>
    /// True when ∂C/∂(recurrent product) differs from ∂C/∂xp (PyTorch's GRU, where r multiplies W_hn h + b_hn). Such a
    /// cell writes the blocks that differ into columns of <see cref="RecurrentStep{T}.Gradients"/> past GH, which its
    /// cache no longer needs once the step's backward has read them.
    /// </summary>
    public virtual bool HasSeparateRecurrentGradient => false;

    /// <summary>W_ih (GH, I).</summary>
    public Parameter<T> WeightIh { get; }

    /// <summary>W_hh (GH, H).</summary>
    public Parameter<T> WeightHh { get; }

    /// <summary>b_ih (GH), or null without bias.</summary>
    public Parameter<T>? BiasIh { get; }

    /// <summary>b_hh (GH), or null without bias.</summary>
    public Parameter<T>? BiasHh { get; }

    /// <summary>The width of a step's (B, ·) scratch block: GH unless the cell needs none (then 0).</summary>
    internal virtual int ScratchWidth => GateWidth;

    /// <summary>xp = x W_ihᵀ + b_ih + b_hh′ for all N rows in one GEMM, where b_hh′ is the part of b_hh that <see
    /// cref="FoldsRecurrentBias"/>.</summary>
    /// <param name="xp">(N, K) receives the projections in the first GH columns of each row (leading dimension K, the
    /// cache's, so the layer projects straight into its cache); the other columns are left alone.</param>
    /// <param name="x">(N, I) inputs of every step.</param>
    /// <param name="rows">N.</param>
    /// <param name="work">The caller's per-call state; it also keeps what the projection found about x for
    /// <see cref="AccumulateParameterGradients"/>.</param>
    internal void ProjectInputs(Span<T> xp, ReadOnlySpan<T> x, int rows, InputProjection<T> work)
    {
        int gh = GateWidth, k = CacheWidth;
        var bias = work.Bias.AsSpan();
        bool hasBias = BiasIh is not null && BiasHh is not null;
        if (hasBias)
        {
            BiasIh!.Value.Span.CopyTo(bias);
            var bhh = BiasHh!.Value.Span;
            for (int j = 0; j < gh; j++)
                if (FoldsRecurrentBias(j)) bias[j] += bhh[j];
        }
        if (work.Scan(x, rows, InputSize, gh))
        {
            // xp = b + W_ih[:, c_r] in one pass (no bias: the column alone)
            OneHotProducts.Project(xp, k, WeightIh.Value.Span, gh, InputSize, work.Columns, work.Scratch, false,
                hasBias ? bias : default);
            return;
        }
        if (hasBias) // each block of xp starts from the bias row just before the product lands on it
            Gemm.MultiplyAddingRow(false, true, rows, gh, InputSize, T.One, x, InputSize, WeightIh.Value.Span,
                InputSize, bias, xp, k);
        else
            Gemm.Multiply(false, true, rows, gh, InputSize, T.One, x, InputSize, WeightIh.Value.Span, InputSize, T.Zero,
                xp, k);
    }

    /// <summary>dx = dxp W_ih for all N rows in one GEMM (the mirror of <see cref="ProjectInputs"/>).</summary>
    /// <param name="dx">(N, I) receives ∂C/∂x (overwritten).</param>
    /// <param name="dxp">(N, K) ∂C/∂xp in the first GH columns (leading dimension K).</param>
    /// <param name="rows">N.</param>
    internal void BackwardInputs(Span<T> dx, ReadOnlySpan<T> dxp, int rows) =>
        Gemm.Multiply(false, false, rows, InputSize, GateWidth, T.One, dxp, CacheWidth, WeightIh.Value.Span, InputSize,
            T.Zero, dx, InputSize);

    /// <summary>
    /// One step forward: the new state from xp_t (in the gate columns of <see cref="RecurrentStep{T}.Cache"/>) and the
    /// previous state; keeps what <see cref="Backward"/> needs in the cache. The equations are in the cell's summary.
    /// </summary>
    internal abstract void Forward(in RecurrentStep<T> step);

    /// <summary>
    /// One step backward: from the total gradients reaching h_t and c_t, writes ∂C/∂xp_t (and the recurrent product's
    /// gradient) into <see cref="RecurrentStep{T}.Gradients"/> and the gradients reaching h_{t−1} and c_{t−1} through
    /// this step (overwritten). Linear in (dh, dc): zero rows give zero rows. The cache is spent when the gradients
    /// are written over it: one backward per forward.
    /// </summary>
    internal abstract void Backward(in RecurrentStep<T> step);

    /// <summary>
    /// Adds the parameter gradients of all steps at once: dW_ih += dxpᵀ x, dW_hh += dhpᵀ h_prev (one GEMM each),
    /// db_ih += Σ_rows dxp, db_hh += Σ_rows dhp. Rows whose gradients are zero (padded steps) add nothing.
    /// </summary>
    /// <param name="x">(N, I) inputs, as the projection in <paramref name="work"/> read them.</param>
    /// <param name="hPrev">(N, H) h_{t−1} of every row.</param>
    /// <param name="cPrev">(N, H) c_{t−1}; empty without a cell state.</param>
    /// <param name="c">(N, H) c_t; empty without a cell state.</param>
    /// <param name="cache">(N, K) the caches of every step (after backward: gradients in the gate columns).</param>
    /// <param name="gradients">(N, K) dxp in the first GH columns and dhp where it differs (leading dimension
    /// K).</param>
    /// <param name="rows">N.</param>
    /// <param name="work">The forward projection's findings about x (one-hot columns), reused instead of a new
    /// scan.</param>
    internal virtual void AccumulateParameterGradients(ReadOnlySpan<T> x, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev,
        ReadOnlySpan<T> c, ReadOnlySpan<T> cache, ReadOnlySpan<T> gradients, int rows, InputProjection<T> work)
    {
        int gh = GateWidth, k = CacheWidth;
        if (work.Knows(rows) ? work.OneHot : work.Scan(x, rows, InputSize, gh))
            OneHotProducts.AccumulateWeightGradient(WeightIh.Gradient.Span, gradients, k, gh, InputSize, work.Columns,
                work.Scratch);
        else
            Gemm.Multiply(true, false, gh, InputSize, rows, T.One, gradients, k, x, InputSize, T.One,
                WeightIh.Gradient.Span, InputSize);
        AccumulateRecurrentWeightGradient(hPrev, cache, gradients, rows);
        if (BiasIh is null || BiasHh is null) return;
        if (!HasSeparateRecurrentGradient) // dxp is dhp (LSTM, RNN): both bias sums in one pass over it
            ColumnSums.Add(BiasIh.Gradient.Span, gradients, BiasHh.Gradient.Span, gradients, rows, k);
        else
        {
            AddColumnSums(BiasIh.Gradient.Span, gradients, rows, k);
            AccumulateRecurrentBiasGradient(gradients, rows);
        }
    }

    /// <summary>dW_hh += dhpᵀ h_prev in one GEMM; cells whose recurrent operand is not h_{t−1} for every gate override
    /// it.</summary>
    private protected virtual void AccumulateRecurrentWeightGradient(ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cache,
        ReadOnlySpan<T> dhp, int rows) =>
        Gemm.Multiply(true, false, GateWidth, HiddenSize, rows, T.One, dhp, CacheWidth, hPrev, HiddenSize, T.One,
            WeightHh.Gradient.Span, HiddenSize);

    /// <summary>db_hh += Σ_rows dhp over the gate columns; cells that keep part of dhp elsewhere override it.</summary>
    private protected virtual void AccumulateRecurrentBiasGradient(ReadOnlySpan<T> dhp, int rows) =>
        AddColumnSums(BiasHh!.Gradient.Span, dhp, rows, CacheWidth);

    /// <summary>
    /// The products with W_hh that <see cref="Forward"/> and <see cref="Backward"/> run at every step, by the index
    /// they pass to <see cref="MultiplyRecurrent"/>. None by default (a cell that runs its own products).
    /// </summary>
    private protected virtual RecurrentProduct[] DescribeRecurrentProducts() => [];

    /// <summary>
    /// Packs the blocks of W_hh for one direction's per-step products into <paramref name="packs"/>, so every step and
    /// every row range of a time-loop pass reads them instead of each GEMM packing them again. W_hh must not change
    /// while the pass hands the packs to its steps. Allocates only for a new shape.
    /// </summary>
    internal void PackRecurrentWeights(RecurrentWeightPacks<T> packs, bool backward) =>
        Products.Pack(packs, WeightHh.Value.Span, HiddenSize, backward);

    private RecurrentProductSet<T> Products => _products ??= new(DescribeRecurrentProducts());

    /// <summary>
    /// C = A·op(W) + β·C for the per-step product <paramref name="product"/> of <see
    /// cref="DescribeRecurrentProducts"/>, over the step's rows (<see cref="RecurrentProductSet{T}.Multiply"/>).
    /// </summary>
    private protected void MultiplyRecurrent(in RecurrentStep<T> step, int product, ReadOnlySpan<T> a, int lda, T beta,
        Span<T> c, int ldc) =>
        Products.Multiply(step, product, a, lda, beta, c, ldc, WeightHh.Value.Span, HiddenSize);

    /// <summary>True when b_hh's entry at <paramref name="column"/> can be added to xp (it reaches the gate only
    /// through the sum).</summary>
    private protected virtual bool FoldsRecurrentBias(int column) => true;

    /// <summary>A span of T seen as float, for the float-only vector row kernels the cells call when T is
    /// float.</summary>
    private protected static Span<float> Floats(Span<T> span) => System.Runtime.InteropServices.MemoryMarshal.Cast<T,
        float>(span);

    /// <inheritdoc cref="Floats(Span{T})"/>
    private protected static ReadOnlySpan<float> Floats(ReadOnlySpan<T> span)
        => System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(span);

    /// <summary>sums[j] += Σ_r m[r, j] over a row-major (rows, columns) block with leading dimension <paramref
    /// name="ld"/>.</summary>
    private protected static void AddColumnSums(Span<T> sums, ReadOnlySpan<T> m, int rows,
        int ld) => ColumnSums.Add(sums, m, rows, ld);

    /// <summary>Σ_r a[r, ·] ⊙ b[r, ·] added into <paramref name="sums"/>; a and b with their own leading dimensions
    /// (peephole gradients).</summary>
    private protected static void AddRowProducts(Span<T> sums, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        int rows)
    {
        for (int r = 0; r < rows; r++)
            TensorPrimitives.MultiplyAdd(a.Slice(r * lda, sums.Length), b.Slice(r * ldb, sums.Length), sums, sums);
    }
}
