namespace Recurrent.Layers.Recurrent;

/// <summary>
/// Runs a <see cref="RecurrentCell{T}"/> over time-major sequences (T, B, I) → (T, B, H), one direction, one layer:
/// the owner of the time loop (h_t = g(U x_t + W h_{t−1} + b) and its BPTT, docs/equations.md#bptt), as PyTorch's
/// nn.RNN/LSTM/GRU with batch_first = False.
/// Glossary: T steps, B batch, I input size, H hidden size, L_b length of row b, s step in the layer's order;
/// x input, y output, h and c states, dy = ∂C/∂y, dh = ∂C/∂h, dc = ∂C/∂c, k2 backward horizon.
/// </summary>
/// <remarks>
/// <para>Forward: one GEMM projects the inputs of all steps; per step the cell runs its recurrent product and gates.
/// Backward: per step the cell runs the transposed product; after the loop one GEMM per weight forms the gradients of
/// all steps and one GEMM forms dx. Buffers are allocated once per (T, B), so repeated passes of one shape allocate
/// nothing. The loop itself (<see cref="RecurrentTimeLoop{T}"/>) runs ranges of batch rows on parallel threads, each
/// through every step, with W_hh packed once per pass; results do not depend on the thread count.</para>
/// <para>Variable lengths (PyTorch's packed sequences): row b is real for s &lt; L_b. At padded steps the state is
/// carried unchanged, y is zero, dy is ignored, dx is zero and nothing reaches the parameters; <see cref="FinalState"/>
/// holds each row's state after its last real step. Padding entries of x must be finite (zeros are customary).</para>
/// <para>Truncated BPTT: pass the previous chunk's <see cref="FinalState"/> as the next chunk's initial state. The
/// layer copies it and sends no gradient into the previous chunk; <see cref="InitialStateGradient"/> holds ∂C/∂(initial
/// state) for callers that want it. <see cref="RecurrentLayerOptions.TruncationHorizon"/> shortens the horizon within a
/// chunk.</para>
/// <para>Returned tensors and states are workspaces of the layer, valid until the next call. Forward keeps a reference
/// to its input: leave it unchanged until Backward. Backward writes the gradients over the forward's per-step cache, so
/// each Forward allows one Backward. Backward changes none of the caller's buffers unless the call allows it
/// (<see cref="BufferReuse"/>).</para>
/// </remarks>
public sealed class RecurrentLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RecurrentTimeLoop<T> _loop;
    private RecurrentWorkspace<T>? _ws;
    private Tensor<T>? _input;         // x (T, B, I), the caller's tensor
    private bool _hasNorms;
    private T[] _stepCache = [], _stepScratch = [], _stepH = [], _stepC = []; // Step's (B, ·) buffers
    private InputProjection<T>? _stepProjection;

    /// <param name="cell">The cell; its parameters live in the model's parameter set.</param>
    /// <param name="options">Direction, backward horizon and norm recording; defaults when null.</param>
    public RecurrentLayer(RecurrentCell<T> cell, RecurrentLayerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cell);
        options ??= new RecurrentLayerOptions();
        if (options.TruncationHorizon is < 0)
            throw new ArgumentOutOfRangeException(nameof(options),
                $"truncation horizon k2 must be ≥ 0 or null, got {options.TruncationHorizon}");
        Cell = cell;
        Options = options;
        _loop = new RecurrentTimeLoop<T>(cell);
    }

    /// <summary>The cell run at every step.</summary>
    public RecurrentCell<T> Cell { get; }

    /// <summary>The options.</summary>
    public RecurrentLayerOptions Options { get; }

    /// <summary>Where the time loop packs W_hh for each pass: the layer's own set, or one its stack shares.</summary>
    internal RecurrentWeightPacks<T> WeightPacks
    {
        get => _loop.Packs;
        set => _loop.Packs = value;
    }

    /// <summary>I.</summary>
    public int InputSize => Cell.InputSize;

    /// <summary>H.</summary>
    public int HiddenSize => Cell.HiddenSize;

    /// <summary>
    /// The state after each row's last real step of the last <see cref="Forward"/>, in the layer's order (for a reverse
    /// layer, after reading x[0]); PyTorch's h_n (and c_n). A workspace: pass it as the next chunk's initial state, or
    /// copy it.
    /// </summary>
    public RecurrentState<T> FinalState => (_ws ?? throw NoForward()).FinalState;

    /// <summary>∂C/∂(initial h, c) from the last <see cref="Backward"/> (a workspace); zero rows where k2 &lt;
    /// L_b.</summary>
    public RecurrentState<T> InitialStateGradient => (_ws ?? throw NoForward()).InitialStateGradient;

    /// <summary>(T, B) mask of the last Forward: 1 where s &lt; L_b, else 0; flattened to (T·B) it is a loss's row
    /// mask.</summary>
    public Tensor<T> Mask => (_ws ?? throw NoForward()).Mask;

    /// <summary>
    /// ‖∂C/∂h_s‖ for every step s (in the layer's order) from the last Backward, when
    /// <see cref="RecurrentLayerOptions.RecordStepGradientNorms"/> is set; empty otherwise.
    /// </summary>
    public ReadOnlySpan<double> StepGradientNorms => _hasNorms && _ws is not null ? _ws.StepGradientNorms : default;

    /// <summary>A zero state of the right kind for <paramref name="batch"/> rows.</summary>
    public RecurrentState<T> CreateState(int batch) => new(batch, HiddenSize, Cell.HasCellState);

    /// <summary>Runs the cell over the sequence; see the class remarks for lengths and state.</summary>
    /// <param name="input">x (T, B, I), time-major.</param>
    /// <param name="lengths">L_b (B) with 0 ≤ L_b ≤ T; empty means every row has T steps.</param>
    /// <param name="initial">(h_0, c_0), copied; null starts from zeros.</param>
    /// <returns>y (T, B, H): y[t, b] = h_t of row b for real steps, 0 for padding (a workspace; for a forward layer
    /// over full rows it is a view of the states Backward reads, so it must not be modified).</returns>
    public Tensor<T> Forward(Tensor<T> input, ReadOnlySpan<int> lengths = default, RecurrentState<T>? initial = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 3 || input.Dim(2) != InputSize)
            throw new ShapeMismatchException(input.Rank == 3
                ? $"input: expected (T, B, I) = ({input.Dim(0)}, {input.Dim(1)}, {InputSize}), got " +
                    $"{ShapeText.Format(input.Shape)}"
                : $"input: expected (T, B, I) with I = {InputSize}, got {ShapeText.Format(input.Shape)}");
        int steps = input.Dim(0), batch = input.Dim(1), hs = HiddenSize, bh = batch * hs;
        _input = null; // a Forward that fails leaves nothing for Backward to run on
        var ws = Workspace(steps, batch);
        SetLengths(ws, lengths);
        if (initial is not null) RecurrentState<T>.Check(initial, "initial state", batch, hs, Cell.HasCellState);
        _input = input;
        _hasNorms = false;
        bool hasC = Cell.HasCellState;

        ReadOnlySpan<T> x = input.Span;
        if (Options.Reverse)
        {
            RecurrentWorkspace<T>.ReverseWithinLengths(ws.ReversedInput, x, ws.Lengths, steps, InputSize);
            x = ws.ReversedInput;
        }
        // into the cache's gate columns: xp has no buffer of its own
        Cell.ProjectInputs(ws.StepCaches.Span, x, steps * batch, ws.Projection);

        Span<T> hsAll = ws.Hs, csAll = ws.Cs;
        if (initial is null) { hsAll[..bh].Clear(); csAll[..(hasC ? bh : 0)].Clear(); }
        else { initial.H.Span.CopyTo(hsAll); if (hasC) initial.C!.Span.CopyTo(csAll); }
        _loop.Forward(ws);

        hsAll.Slice(steps * bh, bh).CopyTo(ws.FinalState.H.Span);
        if (hasC) csAll.Slice(steps * bh, bh).CopyTo(ws.FinalState.C!.Span);
        if (!Options.Reverse && ws.AllFull) return ws.HsOutput; // y is h_1 … h_T as they lie: no copy
        var y = ws.Output.Span;
        if (Options.Reverse) RecurrentWorkspace<T>.ReverseWithinLengths(y, hsAll[bh..], ws.Lengths, steps, hs);
        else
        {
            hsAll[bh..].CopyTo(y);
            for (int s = 0; s < steps; s++)
                for (int b = 0; b < batch; b++)
                    if (s >= ws.Lengths[b]) y.Slice(s * bh + b * hs, hs).Clear();
        }
        return ws.Output;
    }

    /// <summary>
    /// BPTT over the last <see cref="Forward"/>: adds every parameter gradient (accumulates; zero once per training
    /// step), fills <see cref="InitialStateGradient"/> and, when asked, <see cref="StepGradientNorms"/>, and returns
    /// dx. Per step s (from the last): dh_s = dy_s + (∂C/∂h_s from step s + 1), then the cell's backward step; the
    /// gradient it sends to step s − 1 is cut to zero when s &lt; L_b − k2, and carried unchanged through padded steps.
    /// </summary>
    /// <param name="outputGradient">dy (T, B, H); entries at padded steps are ignored.</param>
    /// <param name="finalStateGradient">∂C/∂(final h, c) from outside the sequence (e.g. a decoder reading the final
    /// state); null for none.</param>
    /// <param name="reuse">Which of the caller's buffers this call may write over: dy, and the y Forward returned (then
    /// dx may come back in its storage). None by default.</param>
    /// <returns>dx (T, B, I), zero at padded steps (a workspace).</returns>
    public Tensor<T> Backward(Tensor<T> outputGradient, RecurrentState<T>? finalStateGradient = null,
        BufferReuse reuse = BufferReuse.None) =>
        BackwardThroughTime(outputGradient, finalStateGradient, inputGradient: true, reuse)!;

    /// <summary>
    /// <see cref="Backward"/> without dx: every parameter gradient and <see cref="InitialStateGradient"/>, but not the
    /// (T, B, I) product with W_ih that only a layer below would read. For a first layer fed with data (one-hot
    /// characters) that product is 2·T·B·I·gates·H flops computed for nothing.
    /// </summary>
    public void BackwardWithoutInputGradient(Tensor<T> outputGradient, RecurrentState<T>? finalStateGradient = null,
        BufferReuse reuse = BufferReuse.None) =>
        BackwardThroughTime(outputGradient, finalStateGradient, inputGradient: false, reuse);

    private Tensor<T>? BackwardThroughTime(Tensor<T> outputGradient, RecurrentState<T>? finalStateGradient,
        bool inputGradient,
        BufferReuse reuse)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        var ws = _ws;
        var input = _input;
        if (ws is null || input is null)
            throw new InvalidOperationException("Backward needs a Forward before it, one for each Backward (backward " +
                "writes its gradients over the forward's cache)");
        int steps = ws.Steps, batch = ws.Batch, hs = HiddenSize, bh = batch * hs;
        if (outputGradient.Rank != 3 || outputGradient.Dim(0) != steps || outputGradient.Dim(1) != batch
            || outputGradient.Dim(2) != hs)
            throw new ShapeMismatchException($"output gradient: expected (T, B, H) = ({steps}, {batch}, {hs}), got " +
                $"{ShapeText.Format(outputGradient.Shape)}");
        bool hasC = Cell.HasCellState;
        if (finalStateGradient is not null) RecurrentState<T>.Check(finalStateGradient, "final state gradient", batch,
            hs, hasC);

        if (Options.Reverse)
            RecurrentWorkspace<T>.ReverseWithinLengths(ws.ReversedOutputGradient, outputGradient.Span, ws.Lengths,
                steps, hs);
        if (finalStateGradient is null) { ws.DhNext.AsSpan().Clear(); ws.DcNext.AsSpan().Clear(); }
        else { finalStateGradient.H.Span.CopyTo(ws.DhNext); if (hasC) finalStateGradient.C!.Span.CopyTo(ws.DcNext); }
        bool record = Options.RecordStepGradientNorms;
        var dy = Options.Reverse ? ws.ReversedOutputGradient : new Memory<T>(outputGradient.Data, outputGradient.Offset,
            outputGradient.Length);
        // a reverse layer's dy is its own reversed copy; step s reads dy_s before writing dxp_s there
        bool dyWritable = Options.Reverse || ((reuse & BufferReuse.OutputGradient) != 0
            && !ReferenceEquals(outputGradient.Data, ws.Hs));
        ws.GateGradients = !ws.StateIsCache ? ws.Cache : dyWritable ? dy : ws.OwnGateGradients;
        _loop.Backward(ws, dy, Options.TruncationHorizon, record);
        _hasNorms = record;
        _input = null; // the cache now holds gradients: a second Backward needs a new Forward
        ws.DhNext.AsSpan().CopyTo(ws.InitialStateGradient.H.Span);
        if (hasC) ws.DcNext.AsSpan().CopyTo(ws.InitialStateGradient.C!.Span);

        int rows = steps * batch;
        ReadOnlySpan<T> hsAll = ws.Hs, csAll = ws.Cs, gradients = ws.GateGradients.Span;
        ReadOnlySpan<T> x = Options.Reverse ? ws.ReversedInput : input.Span;
        Cell.AccumulateParameterGradients(x, hsAll[..(rows * hs)], hasC ? csAll[..(rows * hs)] : default,
            // x is what Forward projected
            hasC ? csAll[bh..] : default, ws.StepCaches.Span, gradients, rows, ws.Projection);
        if (!inputGradient) return null;
        // h is spent now; its storage may take dx unless it is the y the caller holds and may still read
        bool yIsStates = !Options.Reverse && ws.AllFull;
        var dx = (reuse & BufferReuse.Output) != 0 || !yIsStates ? ws.InputGradientOverStates : ws.InputGradient;
        if (Options.Reverse)
        {
            Cell.BackwardInputs(ws.ReversedInputGradient, gradients, rows);
            RecurrentWorkspace<T>.ReverseWithinLengths(dx.Span, ws.ReversedInputGradient, ws.Lengths, steps, InputSize);
        }
        else Cell.BackwardInputs(dx.Span, gradients, rows);
        return dx;
    }

    /// <summary>
    /// Inference: one step from <paramref name="state"/>, updated in place (h_t, c_t), recording nothing for backward
    /// and allocating nothing after the first call for a batch size. The new h is the step's output. Forward layers
    /// only.
    /// </summary>
    /// <param name="input">x_t (B, I).</param>
    /// <param name="state">(h_{t−1}, c_{t−1}) in, (h_t, c_t) out.</param>
    /// <returns><paramref name="state"/>.H, i.e. h_t (B, H).</returns>
    public Tensor<T> Step(Tensor<T> input, RecurrentState<T> state)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(state);
        if (Options.Reverse)
            throw new InvalidOperationException("a reverse layer reads each sequence from its end, so it cannot run " +
                "one step at a time");
        if (input.Rank != 2 || input.Dim(1) != InputSize)
            throw new ShapeMismatchException($"input: expected (B, I) with I = {InputSize}, got " +
                $"{ShapeText.Format(input.Shape)}");
        int batch = input.Dim(0), hs = HiddenSize;
        RecurrentState<T>.Check(state, "state", batch, hs, Cell.HasCellState);
        if (_stepH.Length != batch * hs)
        {
            _stepScratch = new T[batch * Cell.ScratchWidth];
            _stepCache = new T[batch * Cell.CacheWidth];
            _stepH = new T[batch * hs];
            _stepC = Cell.HasCellState ? new T[batch * hs] : [];
        }
        Cell.ProjectInputs(_stepCache, input.Span, batch, _stepProjection ??= new InputProjection<T>(Cell.GateWidth));
        Cell.Forward(new RecurrentStep<T>
        {
            Batch = batch, Cache = _stepCache, H = _stepH, C = _stepC, HPrev = state.H.Span,
            CPrev = state.C is null ? default : state.C.Span, Scratch = _stepScratch,
        });
        _stepH.CopyTo(state.H.Span);
        if (state.C is not null) _stepC.CopyTo(state.C.Span);
        return state.H;
    }

    private RecurrentWorkspace<T> Workspace(int steps, int batch)
    {
        if (_ws is null || _ws.Steps != steps || _ws.Batch != batch) _ws = new RecurrentWorkspace<T>(Cell, steps, batch,
            Options.Reverse);
        return _ws;
    }

    private static void SetLengths(RecurrentWorkspace<T> ws, ReadOnlySpan<int> lengths)
    {
        int steps = ws.Steps, batch = ws.Batch;
        if (!lengths.IsEmpty && lengths.Length != batch)
            throw new ShapeMismatchException($"lengths: expected (B) = ({batch}), got ({lengths.Length})");
        bool full = true;
        for (int b = 0; b < batch; b++)
        {
            int length = lengths.IsEmpty ? steps : lengths[b];
            if (length < 0 || length > steps)
                throw new ArgumentOutOfRangeException(nameof(lengths),
                    $"lengths[{b}] = {length} is outside [0, T = {steps}]");
            ws.Lengths[b] = length;
            full &= length == steps;
        }
        ws.AllFull = full;
        var mask = ws.Mask.Span;
        for (int s = 0; s < steps; s++)
            for (int b = 0; b < batch; b++) mask[s * batch + b] = s < ws.Lengths[b] ? T.One : T.Zero;
    }

    private static InvalidOperationException NoForward() => new("Backward or a state was asked for before Forward");
}
