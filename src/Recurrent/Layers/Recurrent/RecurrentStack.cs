using Recurrent.Parameters;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// L recurrent layers, each one direction or two (<see cref="BidirectionalLayer{T}"/>), with dropout between them:
/// torch.nn.RNN/LSTM/GRU with batch_first = False (a network of L layers, docs/equations.md#bptt: layer l at step t
/// reads h of layer l − 1 at t and its own state at t − 1).
/// <code>
/// x⁰ = x;  y^l = layer_l(x^l) (T, B, D·H or H);  x^{l+1} = dropout(y^l) for l &lt; L − 1;  y = y^{L−1}
/// Backward: dy^{L−1} = dy; dx^l from layer l; dy^{l−1} = m ⊙ dx^l (the same dropout mask); dx = dx⁰.
/// </code>
/// Glossary: T steps, B batch, I input size, H hidden size, L layers, D directions; index ld = l·D + d orders states
/// as PyTorch's h_n: l0, l0_reverse, l1, l1_reverse, ….
/// </summary>
/// <remarks>
/// Parameters take PyTorch's names, <c>{prefix}weight_ih_l{l}[_reverse]</c> etc., so a state_dict saved as safetensors
/// by torch.nn.LSTM loads into the matching stack (tested against PyTorch's own runs). Returned tensors are workspaces
/// valid until the next call.
/// </remarks>
public sealed class RecurrentStack<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RecurrentLayer<T>[] _directions;     // [l·D + d]
    private readonly BidirectionalLayer<T>?[] _bidirectional; // [l] when D = 2
    private readonly Dropout<T>[] _dropouts;              // [l] between layer l and l + 1
    private RecurrentState<T>[] _initial = [], _finalGrad = []; // [l·D + d] (B, H) each
    private Tensor<T>? _hN, _cN, _dh0, _dc0;              // (L·D, B, H)
    private bool _hasInitial, _ready; // _ready: a Forward completed, so Backward has something to run on

    /// <summary>Declares every cell's parameters in <paramref name="parameters"/> (in PyTorch's order).</summary>
    /// <param name="parameters">The model's parameter set, not yet sealed.</param>
    /// <param name="options">The stack's shape and cells.</param>
    /// <param name="dropoutRng">The seeded source of every dropout mask; required when options.Dropout &gt; 0.</param>
    public RecurrentStack(ParameterSet<T> parameters, RecurrentStackOptions options, Random? dropoutRng = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Dropout > 0 && dropoutRng is null)
            throw new ArgumentNullException(nameof(dropoutRng), "dropout needs an explicit seeded Random");
        Options = options;
        int layers = options.NumLayers, d = options.Directions;
        _directions = new RecurrentLayer<T>[layers * d];
        _bidirectional = new BidirectionalLayer<T>?[layers];
        for (int l = 0; l < layers; l++)
        {
            for (int dir = 0; dir < d; dir++)
                _directions[l * d + dir] = new RecurrentLayer<T>(options.CreateCell(parameters, l, dir),
                    new RecurrentLayerOptions(dir == 1, options.TruncationHorizon, options.RecordStepGradientNorms));
            if (d == 2) _bidirectional[l] = new BidirectionalLayer<T>(_directions[2 * l], _directions[2 * l + 1],
                options.Combine);
        }
        // the layers' passes run one after another: one set of packed W_hh for all
        var packs = new RecurrentWeightPacks<T>();
        foreach (var layer in _directions) layer.WeightPacks = packs;
        _dropouts = new Dropout<T>[layers - 1];
        for (int l = 0; l < layers - 1; l++) _dropouts[l] = new Dropout<T>(options.Dropout,
            dropoutRng ?? new Random(0));
    }

    /// <summary>The options.</summary>
    public RecurrentStackOptions Options { get; }

    /// <summary>Every direction's layer, indexed l·D + d (PyTorch's h_n order): L of them, or 2L when
    /// bidirectional.</summary>
    public IReadOnlyList<RecurrentLayer<T>> Directions => _directions;

    /// <summary>The dropouts between layers, [l] after layer l.</summary>
    public IReadOnlyList<Dropout<T>> Dropouts => _dropouts;

    /// <summary>Training (default) applies dropout; false turns it off, as PyTorch's model.eval().</summary>
    public bool Training
    {
        get => _dropouts.Length == 0 || _dropouts[0].Training;
        set { foreach (var d in _dropouts) d.Training = value; }
    }

    /// <summary>When true, every dropout reuses its last mask (gradient checks: one fixed function for every
    /// evaluation).</summary>
    public bool ReuseDropoutMasks
    {
        get => _dropouts.Length > 0 && _dropouts[0].ReuseMask;
        set { foreach (var d in _dropouts) d.ReuseMask = value; }
    }

    /// <summary>The width of the output: D·H when concatenating, else H.</summary>
    public int OutputSize => Options.OutputSize;

    /// <summary>h_n (L·D, B, H) of the last Forward: each row's state after its last real step (PyTorch's
    /// layout).</summary>
    public Tensor<T> FinalHidden => _hN ?? throw NoForward();

    /// <summary>c_n (L·D, B, H) of the last Forward (LSTM), else null.</summary>
    public Tensor<T>? FinalCell => _hN is null ? throw NoForward() : _cN;

    /// <summary>∂C/∂h_0 (L·D, B, H) from the last Backward.</summary>
    public Tensor<T> InitialHiddenGradient => _dh0 ?? throw NoForward();

    /// <summary>∂C/∂c_0 (L·D, B, H) from the last Backward (LSTM), else null.</summary>
    public Tensor<T>? InitialCellGradient => _dh0 is null ? throw NoForward() : _dc0;

    /// <summary>Runs the stack over x (class summary).</summary>
    /// <param name="input">x (T, B, I).</param>
    /// <param name="lengths">L_b (B), or empty for full rows; the same for every layer.</param>
    /// <param name="h0">h_0 (L·D, B, H) in PyTorch's order, copied; null for zeros.</param>
    /// <param name="c0">c_0 (L·D, B, H) for an LSTM, copied; null for zeros.</param>
    /// <returns>y (T, B, <see cref="OutputSize"/>), zero at padded steps (a workspace).</returns>
    public Tensor<T> Forward(Tensor<T> input, ReadOnlySpan<int> lengths = default, Tensor<T>? h0 = null,
        Tensor<T>? c0 = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 3)
            throw new ShapeMismatchException($"input: expected (T, B, I) with I = {Options.InputSize}, got " +
                $"{ShapeText.Format(input.Shape)}");
        int batch = input.Dim(1), hs = Options.HiddenSize, d = Options.Directions;
        bool hasC = _directions[0].Cell.HasCellState;
        _ready = false; // a Forward that fails leaves nothing for Backward to run on
        Buffers(batch);
        if (c0 is not null && !hasC) throw new ArgumentException($"c0: a {Options.Cell} has no cell state");
        CheckStates(h0, "h0", batch);
        CheckStates(c0, "c0", batch);
        _hasInitial = h0 is not null || c0 is not null;
        for (int k = 0; k < _directions.Length && _hasInitial; k++)
        {
            if (h0 is null) _initial[k].H.Clear(); else Block(h0, k).CopyTo(_initial[k].H.Span);
            if (hasC) { if (c0 is null) _initial[k].C!.Clear(); else Block(c0, k).CopyTo(_initial[k].C!.Span); }
        }

        var x = input;
        for (int l = 0; l < Options.NumLayers; l++)
        {
            if (l > 0) x = _dropouts[l - 1].Forward(x); // x itself out of training or with p = 0
            x = d == 2
                ? _bidirectional[l]!.Forward(x, lengths, Initial(2 * l), Initial(2 * l + 1))
                : _directions[l].Forward(x, lengths, Initial(l));
        }
        for (int k = 0; k < _directions.Length; k++)
        {
            var final = _directions[k].FinalState;
            final.H.Span.CopyTo(Block(_hN!, k));
            if (hasC) final.C!.Span.CopyTo(Block(_cN!, k));
        }
        _ready = true;
        return x;
    }

    /// <summary>
    /// BPTT through every layer from the top (class summary): adds every parameter gradient (accumulates), fills
    /// <see cref="InitialHiddenGradient"/> and <see cref="InitialCellGradient"/>, and returns dx.
    /// </summary>
    /// <param name="outputGradient">dy (T, B, <see cref="OutputSize"/>); ignored at padded steps.</param>
    /// <param name="finalHiddenGradient">∂C/∂h_n (L·D, B, H), or null.</param>
    /// <param name="finalCellGradient">∂C/∂c_n (L·D, B, H) for an LSTM, or null.</param>
    /// <param name="reuse">Which of the caller's buffers this call may write over (dy, and the y Forward returned);
    /// none by default. The stack's own buffers between layers are reused either way.</param>
    /// <returns>dx (T, B, I), zero at padded steps (a workspace).</returns>
    public Tensor<T> Backward(Tensor<T> outputGradient, Tensor<T>? finalHiddenGradient = null,
        Tensor<T>? finalCellGradient = null,
        BufferReuse reuse = BufferReuse.None) =>
        BackwardThroughLayers(outputGradient, finalHiddenGradient, finalCellGradient, inputGradient: true, reuse)!;

    /// <summary>
    /// <see cref="Backward"/> without dx: the first layer skips its input-gradient product, which data such as one-hot
    /// characters never reads (see <see cref="RecurrentLayer{T}.BackwardWithoutInputGradient"/>).
    /// </summary>
    public void BackwardWithoutInputGradient(Tensor<T> outputGradient, Tensor<T>? finalHiddenGradient = null,
        Tensor<T>? finalCellGradient = null, BufferReuse reuse = BufferReuse.None) =>
        BackwardThroughLayers(outputGradient, finalHiddenGradient, finalCellGradient, inputGradient: false, reuse);

    private Tensor<T>? BackwardThroughLayers(Tensor<T> outputGradient, Tensor<T>? finalHiddenGradient,
        Tensor<T>? finalCellGradient,
        bool inputGradient, BufferReuse reuse)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_hN is null || !_ready) throw NoForward();
        int batch = _hN.Dim(1), hs = Options.HiddenSize, d = Options.Directions;
        bool hasC = _directions[0].Cell.HasCellState;
        if (finalCellGradient is not null
            && !hasC) throw new ArgumentException($"final cell gradient: a {Options.Cell} has no cell state");
        CheckStates(finalHiddenGradient, "final hidden gradient", batch);
        CheckStates(finalCellGradient, "final cell gradient", batch);
        bool hasFinal = finalHiddenGradient is not null || finalCellGradient is not null;
        for (int k = 0; k < _directions.Length && hasFinal; k++)
        {
            if (finalHiddenGradient is null) _finalGrad[k].H.Clear(); else Block(finalHiddenGradient,
                k).CopyTo(_finalGrad[k].H.Span);
            if (hasC) { if (finalCellGradient is null) _finalGrad[k].C!.Clear(); else Block(finalCellGradient,
                k).CopyTo(_finalGrad[k].C!.Span); }
        }
        RecurrentState<T>? FinalGrad(int k) => hasFinal ? _finalGrad[k] : null;

        Tensor<T>? dy = outputGradient;
        for (int l = Options.NumLayers - 1; l >= 0; l--)
        {
            // below the top, dy is the dx of the layer above (or its dropout's) and y was that layer's input: the
            // stack's own workspaces, which nothing reads after this layer's Backward
            var layerReuse = l == Options.NumLayers - 1 ? reuse : BufferReuse.All;
            if (l == 0 && !inputGradient)
            {
                if (d == 2) _bidirectional[0]!.BackwardWithoutInputGradient(dy, FinalGrad(0), FinalGrad(1));
                else _directions[0].BackwardWithoutInputGradient(dy, FinalGrad(0), layerReuse);
                dy = null;
                break;
            }
            dy = d == 2
                ? _bidirectional[l]!.Backward(dy, FinalGrad(2 * l), FinalGrad(2 * l + 1))
                : _directions[l].Backward(dy, FinalGrad(l), layerReuse);
            if (l > 0) dy = _dropouts[l - 1].Backward(dy);
        }
        for (int k = 0; k < _directions.Length; k++)
        {
            var g = _directions[k].InitialStateGradient;
            g.H.Span.CopyTo(Block(_dh0!, k));
            if (hasC) g.C!.Span.CopyTo(Block(_dc0!, k));
        }
        return dy;
    }

    /// <summary>Zero states for one-step inference: one per layer, (B, H) each. Forward-only stacks.</summary>
    public RecurrentState<T>[] CreateStates(int batch) =>
        [.. _directions.Select(layer => layer.CreateState(batch))];

    /// <summary>
    /// Inference, one step through every layer (no dropout, nothing kept for backward): states[l] holds layer l's
    /// (h, c) and is updated in place. Returns the top layer's new h (B, H), a view of states[L − 1].H.
    /// </summary>
    /// <param name="input">x_t (B, I).</param>
    /// <param name="states">From <see cref="CreateStates"/> or a Forward's final state, one per layer.</param>
    public Tensor<T> Step(Tensor<T> input, RecurrentState<T>[] states)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (Options.Bidirectional)
            throw new InvalidOperationException("a bidirectional stack reads each sequence from its end too, so it " +
                "cannot run one step at a time");
        if (states.Length != _directions.Length)
            throw new ArgumentException($"states: expected one per layer ({_directions.Length}), got {states.Length}");
        var x = input;
        for (int l = 0; l < _directions.Length; l++) x = _directions[l].Step(x, states[l]);
        return x;
    }

    /// <summary>The (B, H) block ld = <paramref name="k"/> of an (L·D, B, H) tensor, without allocating a
    /// view.</summary>
    private static Span<T> Block(Tensor<T> states, int k) => states.Span.Slice(k * states.RowLength, states.RowLength);

    /// <summary>Throws unless <paramref name="states"/> is null or (L·D, B, H); allocates nothing when it
    /// fits.</summary>
    private void CheckStates(Tensor<T>? states, string what, int batch)
    {
        if (states is null) return;
        if (states.Rank != 3 || states.Dim(0) != _directions.Length || states.Dim(1) != batch
            || states.Dim(2) != Options.HiddenSize)
            throw new ShapeMismatchException($"{what}: expected (L·D, B, H) = ({_directions.Length}, {batch}, " +
                $"{Options.HiddenSize}), got {ShapeText.Format(states.Shape)}");
    }

    private RecurrentState<T>? Initial(int k) => _hasInitial ? _initial[k] : null;

    private void Buffers(int batch)
    {
        if (_hN is not null && _hN.Dim(1) == batch) return;
        int ld = _directions.Length, hs = Options.HiddenSize;
        bool hasC = _directions[0].Cell.HasCellState;
        // loops, not lambdas: a closure over batch would be allocated on every call
        _initial = new RecurrentState<T>[ld];
        _finalGrad = new RecurrentState<T>[ld];
        for (int k = 0; k < ld; k++) (_initial[k], _finalGrad[k]) = (new(batch, hs, hasC), new(batch, hs, hasC));
        _hN = LongLivedArray.Tensor<T>(ld, batch, hs);
        _dh0 = LongLivedArray.Tensor<T>(ld, batch, hs);
        _cN = hasC ? LongLivedArray.Tensor<T>(ld, batch, hs) : null;
        _dc0 = hasC ? LongLivedArray.Tensor<T>(ld, batch, hs) : null;
    }

    private static InvalidOperationException NoForward() => new("no Forward has run yet");
}
