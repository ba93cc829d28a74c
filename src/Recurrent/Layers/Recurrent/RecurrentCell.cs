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
/// "{prefix}bias_ih{suffix}" and "{prefix}bias_hh{suffix}" (GH),
/// gates stacked in PyTorch's order. All start U(−1/√H, +1/√H) as in PyTorch.</para>
/// <para>The per-step cache a cell keeps for its backward pass is <see cref="CacheWidth"/> values per batch row; step t
/// owns the contiguous slice [t·B·K, (t+1)·B·K) of the layer's cache. Its first GH columns are the gate columns: the
/// input projection xp is written there before the step runs, and the step's backward writes dxp over them, so the
/// layer keeps no separate (T, B, GH) buffers for either. xp, dxp and dhp are therefore (·, K) blocks with leading
/// dimension K whose first GH columns count; the rest of each cache row is laid out as the cell likes.</para>
/// <para>Spans passed to the step methods are row-major (B, ·) blocks, outputs first, then inputs, then sizes.
/// Backward passes overwrite their step outputs and ADD into parameter gradients (zeroed once per training step).</para>
/// </remarks>
public abstract class RecurrentCell<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _projectionBias; // (GH) b_ih + the folded part of b_hh
    private int[] _oneHotColumns = [];    // (N) column of each row's 1 when x is one-hot (work space)
    private T[] _oneHotScratch = [];      // (I·GH) W_ihᵀ or dW_ihᵀ for the one-hot path (work space)
    private long _projections;            // ProjectInputs calls so far
    private int _projectedRows;           // rows of the last ProjectInputs, and whether its x was one-hot
    private bool _projectedOneHot;
    private RecurrentProduct[]? _products; // the per-step products with W_hh, by index
    private int[] _slots = [];              // each product's slot among its pass's packs
    private bool _forwardPacked, _backwardPacked; // the pass's packs in WeightPacks hold this cell's op(W) blocks

    /// <summary>Declares weight_ih, weight_hh and (with <paramref name="bias"/>) bias_ih, bias_hh in <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The model's parameter set, not yet sealed.</param>
    /// <param name="suffix">Appended to every name, e.g. "_l0"; "" for a lone cell.</param>
    /// <param name="prefix">Put before every name, e.g. "rnn." for a submodule of a larger model; "" by default.</param>
    /// <param name="biasIhInitializer">Override of bias_ih's initializer (the LSTM's forget bias); PyTorch's default when null.</param>
    /// <param name="biasHhInitializer">Override of bias_hh's initializer; PyTorch's default when null.</param>
    protected RecurrentCell(ParameterSet<T> parameters, int inputSize, int hiddenSize, int gateCount, bool bias, string suffix,
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
        _projectionBias = LongLivedArray.Allocate<T>(GateWidth);
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
    /// True when a step's cache is h_t itself: K = H, and after <see cref="Forward"/> the cache row holds h_t's values,
    /// while backward reads nothing else from it (the Elman cell, whose f′ comes from a = h_t). The layer then keeps no
    /// cache: it projects xp into h's storage, passes h_t as both the cache and the output of the step (which runs in
    /// place), and gives backward a separate block for dxp. Padded rows, whose h is carried over the cache, get zero
    /// gradients from any finite cache, so this holds there too.
    /// </summary>
    public virtual bool StateIsCache => false;

    /// <summary>
    /// True when ∂C/∂(recurrent product) differs from ∂C/∂xp (PyTorch's GRU, where r multiplies W_hn h + b_hn). Such a
    /// cell writes the blocks that differ into columns of dhp past GH (which its cache no longer needs once the step's
    /// backward has read them), so the layer passes one (N, K) buffer, the cache, as dxp and dhp for every cell.
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

    /// <summary>xp = x W_ihᵀ + b_ih + b_hh′ for all N rows in one GEMM, where b_hh′ is the part of b_hh that <see cref="FoldsRecurrentBias"/>.</summary>
    /// <param name="xp">(N, K) receives the projections in the first GH columns of each row (leading dimension K, the
    /// cache's, so the layer projects straight into its cache); the other columns are left alone.</param>
    /// <param name="x">(N, I) inputs of every step.</param>
    public void ProjectInputs(Span<T> xp, ReadOnlySpan<T> x, int rows)
    {
        int gh = GateWidth, k = CacheWidth;
        var bias = _projectionBias.AsSpan();
        bool hasBias = BiasIh is not null && BiasHh is not null;
        if (hasBias)
        {
            BiasIh!.Value.Span.CopyTo(bias);
            var bhh = BiasHh!.Value.Span;
            for (int j = 0; j < gh; j++)
                if (FoldsRecurrentBias(j)) bias[j] += bhh[j];
        }
        _projections++;
        (_projectedRows, _projectedOneHot) = (rows, IsOneHot(x, rows));
        if (_projectedOneHot)
        {
            // xp = b + W_ih[:, c_r] in one pass (no bias: the column alone)
            OneHotProducts.Project(xp, k, WeightIh.Value.Span, gh, InputSize, _oneHotColumns.AsSpan(0, rows), _oneHotScratch, false,
                hasBias ? bias : default);
            return;
        }
        if (hasBias) // each block of xp starts from the bias row just before the product lands on it
            Gemm.MultiplyAddingRow(false, true, rows, gh, InputSize, T.One, x, InputSize, WeightIh.Value.Span, InputSize, bias, xp, k);
        else
            Gemm.Multiply(false, true, rows, gh, InputSize, T.One, x, InputSize, WeightIh.Value.Span, InputSize, T.Zero, xp, k);
    }

    /// <summary>
    /// True when every row of x is one-hot (characters as data), with the columns in _oneHotColumns: the products with x
    /// are then gathers (<see cref="OneHotProducts"/>, tested equal to the GEMM). Sizes the work space on first use.
    /// </summary>
    private bool IsOneHot(ReadOnlySpan<T> x, int rows)
    {
        if (rows < 2) return false; // one-step generation: the GEMM's one-row path is as cheap
        if (_oneHotColumns.Length < rows) _oneHotColumns = LongLivedArray.Allocate<int>(rows);
        if (!OneHotProducts.TryFindColumns(x, rows, InputSize, _oneHotColumns)) return false;
        if (_oneHotScratch.Length < InputSize * GateWidth) _oneHotScratch = LongLivedArray.Allocate<T>(InputSize * GateWidth);
        return true;
    }

    /// <summary>How many times <see cref="ProjectInputs"/> has run: the layer notes it after its Forward's projection.</summary>
    internal long Projections => _projections;

    /// <summary>
    /// Set by the layer just before <see cref="AccumulateParameterGradients"/> to the <see cref="Projections"/> count its
    /// Forward noted, telling the cell that x is the tensor that projection read. When no projection has run since, the
    /// cell reuses what that one found (whether x is one-hot, and its columns) instead of scanning x again (2 % of an
    /// RNN 2×128 step); x must not have changed in between, which every backward pass assumes anyway. −1: scan.
    /// </summary>
    internal long GradientInputProjection { get; set; } = -1;

    /// <summary>dx = dxp W_ih for all N rows in one GEMM (the mirror of <see cref="ProjectInputs"/>).</summary>
    /// <param name="dx">(N, I) receives ∂C/∂x (overwritten).</param>
    /// <param name="dxp">(N, K) ∂C/∂xp in the first GH columns (leading dimension K).</param>
    public void BackwardInputs(Span<T> dx, ReadOnlySpan<T> dxp, int rows) =>
        Gemm.Multiply(false, false, rows, InputSize, GateWidth, T.One, dxp, CacheWidth, WeightIh.Value.Span, InputSize, T.Zero, dx, InputSize);

    /// <summary>One step forward: the new state from xp_t and the previous state; keeps what <see cref="Backward"/> needs in <paramref name="cache"/>.</summary>
    /// <param name="h">(B, H) receives h_t.</param>
    /// <param name="c">(B, H) receives c_t; empty without a cell state.</param>
    /// <param name="cache">(B, K) receives this step's cache.</param>
    /// <param name="scratch">(B, GH) work space, contents undefined on entry and exit.</param>
    /// <param name="xp">(B, K) this step's input projection in the first GH columns (leading dimension K). Either
    /// <paramref name="cache"/> itself (the layer's case: the projection already lies in the gate columns) or disjoint from it.</param>
    /// <param name="hPrev">(B, H) h_{t−1}.</param>
    /// <param name="cPrev">(B, H) c_{t−1}; empty without a cell state.</param>
    public abstract void Forward(Span<T> h, Span<T> c, Span<T> cache, Span<T> scratch,
        ReadOnlySpan<T> xp, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev, int batch);

    /// <summary>
    /// One step backward: from the total gradients reaching h_t and c_t, writes ∂C/∂xp_t, ∂C/∂(recurrent product)_t and
    /// the gradients reaching h_{t−1} and c_{t−1} through this step (overwritten). Linear in (dh, dc): zero rows give zero rows.
    /// dxp may be <paramref name="cache"/> itself (the layer's case): every cell reads a unit's cached values before it
    /// writes that unit's gradients, so the gate columns go from values to gradients in place. The cache is then spent:
    /// one backward per forward.
    /// </summary>
    /// <param name="dxp">(B, K) receives ∂C/∂xp_t in the first GH columns (leading dimension K); the cache itself, or disjoint from it.</param>
    /// <param name="dhp">(B, K) receives ∂C/∂(W_hh h_{t−1} + b_hh)_t where it differs from dxp (see
    /// <see cref="HasSeparateRecurrentGradient"/>); other cells leave it alone and the layer passes dxp.</param>
    /// <param name="dhPrev">(B, H) receives ∂C/∂h_{t−1} through this step.</param>
    /// <param name="dcPrev">(B, H) receives ∂C/∂c_{t−1}; empty without a cell state.</param>
    /// <param name="scratch">(B, GH) work space.</param>
    /// <param name="dh">(B, H) ∂C/∂h_t: from this step's output and from later steps.</param>
    /// <param name="dc">(B, H) ∂C/∂c_t from later steps; empty without a cell state.</param>
    /// <param name="cache">(B, K) what <see cref="Forward"/> kept.</param>
    /// <param name="hPrev">(B, H) h_{t−1} as given to Forward.</param>
    /// <param name="cPrev">(B, H) c_{t−1} as given to Forward; empty without a cell state.</param>
    /// <param name="c">(B, H) c_t as Forward wrote it; empty without a cell state.</param>
    public abstract void Backward(Span<T> dxp, Span<T> dhp, Span<T> dhPrev, Span<T> dcPrev, Span<T> scratch,
        ReadOnlySpan<T> dh, ReadOnlySpan<T> dc, ReadOnlySpan<T> cache, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev,
        ReadOnlySpan<T> c, int batch);

    /// <summary>
    /// Whether <see cref="Forward"/> and <see cref="Backward"/> use their (B, GH) scratch; cells that do not get an
    /// empty span, and the layer keeps no such buffer for them (the LSTM and the Elman cell write straight into their
    /// cache rows and dhPrev).
    /// </summary>
    internal virtual bool UsesScratch => true;

    /// <summary>
    /// Whether <see cref="BackwardSummingDh"/> is implemented: a cell without a cell state whose element-wise pass can
    /// read dh = dy + dh_next as its two parts, so the time loop need not add them in a pass of its own.
    /// </summary>
    internal virtual bool SumsDh => false;

    /// <summary>
    /// <see cref="Backward"/> for a cell without a cell state, given dh as <paramref name="dy"/> + <paramref name="dhNext"/>
    /// (each (B, H); the sum rounded once, as the separate addition would). dxp may be dy's storage.
    /// </summary>
    internal virtual void BackwardSummingDh(Span<T> dxp, Span<T> dhPrev, ReadOnlySpan<T> dy, ReadOnlySpan<T> dhNext,
        ReadOnlySpan<T> cache, int batch) => throw new NotSupportedException($"{GetType().Name} reads dh whole");

    /// <summary>
    /// Whether <see cref="BackwardAdding"/> is implemented: the cell's last write of dh_{t−1} is the recurrent product, which
    /// can then add onto what dhPrev holds (the time loop passes the previous step's dy there, so dh = dy + dh_next needs
    /// no pass of its own).
    /// </summary>
    internal virtual bool AddsIntoDhPrev => false;

    /// <summary>
    /// <see cref="Backward"/>, except that dh_{t−1} is added to what <paramref name="dhPrev"/> holds (dhPrev += …) instead
    /// of written over it. Only when <see cref="AddsIntoDhPrev"/>; the other arguments as for Backward.
    /// </summary>
    internal virtual void BackwardAdding(Span<T> dxp, Span<T> dhp, Span<T> dhPrev, Span<T> dcPrev, Span<T> scratch,
        ReadOnlySpan<T> dh, ReadOnlySpan<T> dc, ReadOnlySpan<T> cache, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev,
        ReadOnlySpan<T> c, int batch) =>
        throw new NotSupportedException($"{GetType().Name} writes dh_{{t−1}} in more than one pass and cannot add it onto dhPrev");

    /// <summary>
    /// Adds the parameter gradients of all steps at once: dW_ih += dxpᵀ x, dW_hh += dhpᵀ h_prev (one GEMM each),
    /// db_ih += Σ_rows dxp, db_hh += Σ_rows dhp. Rows whose dxp and dhp are zero (padded steps) add nothing.
    /// </summary>
    /// <param name="x">(N, I) inputs.</param>
    /// <param name="hPrev">(N, H) h_{t−1} of every row.</param>
    /// <param name="cPrev">(N, H) c_{t−1}; empty without a cell state.</param>
    /// <param name="c">(N, H) c_t; empty without a cell state.</param>
    /// <param name="cache">(N, K) the caches of every step (after backward: gradients in the gate columns).</param>
    /// <param name="dxp">(N, K), leading dimension K.</param>
    /// <param name="dhp">(N, K), leading dimension K; may be the same span as dxp (the layer passes the cache as both).</param>
    public virtual void AccumulateParameterGradients(ReadOnlySpan<T> x, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev,
        ReadOnlySpan<T> c, ReadOnlySpan<T> cache, ReadOnlySpan<T> dxp, ReadOnlySpan<T> dhp, int rows)
    {
        int gh = GateWidth, k = CacheWidth;
        bool reuse = GradientInputProjection == _projections && _projectedRows == rows;
        GradientInputProjection = -1;
        if (!reuse) _projectedRows = -1; // the scan below writes over the columns that projection found
        if (reuse ? _projectedOneHot : IsOneHot(x, rows))
            OneHotProducts.AccumulateWeightGradient(WeightIh.Gradient.Span, dxp, k, gh, InputSize, _oneHotColumns.AsSpan(0, rows), _oneHotScratch);
        else
            Gemm.Multiply(true, false, gh, InputSize, rows, T.One, dxp, k, x, InputSize, T.One, WeightIh.Gradient.Span, InputSize);
        AccumulateRecurrentWeightGradient(hPrev, cache, dhp, rows);
        if (BiasIh is null || BiasHh is null) return;
        if (dhp == dxp && !HasSeparateRecurrentGradient) // one buffer (LSTM, RNN): both bias sums in one pass over it
            ColumnSums.Add(BiasIh.Gradient.Span, dxp, BiasHh.Gradient.Span, dhp, rows, k);
        else
        {
            AddColumnSums(BiasIh.Gradient.Span, dxp, rows, k);
            AccumulateRecurrentBiasGradient(dhp, rows);
        }
    }

    /// <summary>dW_hh += dhpᵀ h_prev in one GEMM; cells whose recurrent operand is not h_{t−1} for every gate override it.</summary>
    protected virtual void AccumulateRecurrentWeightGradient(ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cache, ReadOnlySpan<T> dhp, int rows) =>
        Gemm.Multiply(true, false, GateWidth, HiddenSize, rows, T.One, dhp, CacheWidth, hPrev, HiddenSize, T.One,
            WeightHh.Gradient.Span, HiddenSize);

    /// <summary>db_hh += Σ_rows dhp over the gate columns; cells that keep part of dhp elsewhere override it.</summary>
    protected virtual void AccumulateRecurrentBiasGradient(ReadOnlySpan<T> dhp, int rows) =>
        AddColumnSums(BiasHh!.Gradient.Span, dhp, rows, CacheWidth);

    /// <summary>
    /// The products with W_hh that <see cref="Forward"/> and <see cref="Backward"/> run at every step, by the index they
    /// pass to <see cref="MultiplyRecurrent"/>. None by default (a cell that runs its own products).
    /// </summary>
    private protected virtual RecurrentProduct[] DescribeRecurrentProducts() => [];

    /// <summary>
    /// Packs the blocks of W_hh for one direction's per-step products, so every step and every row range of the time
    /// loop reuses them read-only instead of each GEMM packing them again; they are used until
    /// <see cref="ReleasePackedRecurrentWeights"/>, so W_hh must not change in between. Allocates only for a new shape.
    /// </summary>
    internal void PackRecurrentWeights(bool backward)
    {
        var products = Products();
        var whh = WeightHh.Value.Span;
        for (int i = 0; i < products.Length; i++)
        {
            var p = products[i];
            if (p.Backward == backward) WeightPacks.Slot(_slots[i]).Pack(p.TransB, p.K, p.N, whh[p.Offset..], HiddenSize);
        }
        if (backward) _backwardPacked = true;
        else _forwardPacked = true;
    }

    /// <summary>
    /// Where <see cref="PackRecurrentWeights"/> packs: the cell's own set, or one shared with cells whose passes never
    /// run at the same time as this cell's (the layers of a stack).
    /// </summary>
    internal RecurrentWeightPacks<T> WeightPacks { get; set; } = new();

    /// <summary>The declared products, and each one's slot: its place among the products of its own pass.</summary>
    private RecurrentProduct[] Products()
    {
        if (_products is not null) return _products;
        var products = DescribeRecurrentProducts();
        _slots = new int[products.Length];
        int forward = 0, backward = 0;
        for (int i = 0; i < products.Length; i++) _slots[i] = products[i].Backward ? backward++ : forward++;
        return _products = products;
    }

    /// <summary>Ends the use of the packed W_hh blocks (the weights may change after this): products go back to W_hh itself.</summary>
    internal void ReleasePackedRecurrentWeights() => _forwardPacked = _backwardPacked = false;

    /// <summary>
    /// C = A·op(W) + β·C for the per-step product <paramref name="product"/> of <see cref="DescribeRecurrentProducts"/>:
    /// from the packed block while the layer's time loop holds one, else from W_hh (the same bits either way).
    /// </summary>
    /// <param name="a">(m, K) with leading dimension <paramref name="lda"/>.</param>
    /// <param name="c">(m, N) with leading dimension <paramref name="ldc"/>.</param>
    private protected void MultiplyRecurrent(int product, int m, ReadOnlySpan<T> a, int lda, T beta, Span<T> c, int ldc)
    {
        var p = Products()[product];
        if (p.Backward ? _backwardPacked : _forwardPacked)
            Gemm.Multiply(false, m, T.One, a, lda, WeightPacks.Slot(_slots[product]), beta, c, ldc);
        else
            Gemm.Multiply(false, p.TransB, m, p.N, p.K, T.One, a, lda, WeightHh.Value.Span[p.Offset..], HiddenSize, beta, c, ldc);
    }

    /// <summary>True when b_hh's entry at <paramref name="column"/> can be added to xp (it reaches the gate only through the sum).</summary>
    protected virtual bool FoldsRecurrentBias(int column) => true;

    /// <summary>A span of T seen as float, for the float-only vector row kernels the cells call when T is float.</summary>
    private protected static Span<float> Floats(Span<T> span) => System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(span);

    /// <inheritdoc cref="Floats(Span{T})"/>
    private protected static ReadOnlySpan<float> Floats(ReadOnlySpan<T> span) => System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(span);

    /// <summary>sums[j] += Σ_r m[r, j] over a row-major (rows, columns) block with leading dimension <paramref name="ld"/>.</summary>
    protected static void AddColumnSums(Span<T> sums, ReadOnlySpan<T> m, int rows, int ld) => ColumnSums.Add(sums, m, rows, ld);

    /// <summary>Σ_r a[r, ·] ⊙ b[r, ·] added into <paramref name="sums"/>; a and b with their own leading dimensions (peephole gradients).</summary>
    protected static void AddRowProducts(Span<T> sums, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, int rows)
    {
        for (int r = 0; r < rows; r++)
            TensorPrimitives.MultiplyAdd(a.Slice(r * lda, sums.Length), b.Slice(r * ldb, sums.Length), sums, sums);
    }
}
