using Recurrent.Backends.Cpu;
using Recurrent.Parameters;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// The vanilla (Elman) cell (docs/equations.md#elman), PyTorch's nn.RNN cell: h_t = f(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ
/// + b_hh) with f tanh (default), ReLU, sigmoid, identity (or any other element-wise <see cref="Activation"/>).
/// The course's U is W_ih and W is W_hh, written for row vectors.
/// Glossary: z pre-activation (B, H), a = f(z) = h_t, dz = ∂C/∂z, B batch, H hidden size.
/// </summary>
/// <remarks>Cache per step: one (B, H) block, K = H: it arrives holding xp (the layer projects into it), holds z and
/// then a = f(z) after the forward step, and dz after the backward step. z itself is not kept: every f here has f′
/// as a function of a (1 − a², a(1 − a), and for ReLU, leaky ReLU with its positive slope and ELU with its positive α,
/// z &gt; 0 exactly when a &gt; 0), so a stands in for z and no second (T, B, H) block is needed. Since a is h_t, the
/// layer keeps no cache for this cell at all (<see cref="StateIsCache"/>): the cache it passes is h_t's own
/// storage.</remarks>
public sealed class RnnCell<T> : RecurrentCell<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Declares weight_ih{suffix} (H, I), weight_hh{suffix} (H, H) and, with bias, bias_ih{suffix},
    /// bias_hh{suffix} (H).</summary>
    /// <param name="parameters">The model's parameter set, not yet sealed.</param>
    /// <param name="inputSize">I.</param>
    /// <param name="hiddenSize">H.</param>
    /// <param name="activation">f; PyTorch offers tanh and ReLU; sigmoid and identity serve the analyses. Softmax is
    /// rejected.</param>
    /// <param name="bias">Whether b_ih and b_hh exist (PyTorch's bias=True).</param>
    /// <param name="suffix">Name suffix, e.g. "_l0".</param>
    /// <param name="prefix">Name prefix, e.g. "rnn."; "" by default.</param>
    public RnnCell(ParameterSet<T> parameters, int inputSize, int hiddenSize, Activation activation = Activation.Tanh,
        bool bias = true, string suffix = "", string prefix = "")
        : base(parameters, inputSize, hiddenSize, 1, bias, suffix, prefix: prefix)
    {
        if (activation == Activation.Softmax)
            throw new ArgumentException("a recurrent cell needs an element-wise activation; softmax is row-wise",
                nameof(activation));
        Activation = activation;
    }

    /// <summary>f.</summary>
    public Activation Activation { get; }

    /// <inheritdoc/>
    public override bool HasCellState => false;

    /// <inheritdoc/>
    public override int CacheWidth => HiddenSize;

    /// <inheritdoc/>
    public override bool StateIsCache => true;

    internal override int ScratchWidth => 0;

    /// <summary>
    /// z = xp_t + h_{t−1} W_hhᵀ (one GEMM onto the projection in the cache), h_t = a = f(z), a kept over z. Float tanh
    /// (training's case) runs in <see cref="TanhRows"/>, the fast kernel; every other f and type in
    /// <see cref="Activations"/>, the reference.
    /// </summary>
    internal override void Forward(in RecurrentStep<T> step) => RunForward(step, FastTanh);

    /// <summary>The reference of <see cref="Forward"/>: f from <see cref="Activations"/>, generic in T.</summary>
    internal void ForwardReference(in RecurrentStep<T> step) => RunForward(step, kernel: false);

    private void RunForward(in RecurrentStep<T> step, bool kernel)
    {
        int n = step.Batch * HiddenSize;
        var za = step.Cache[..n]; // (B, H) z, then a
        MultiplyRecurrent(step, 0, step.HPrev, HiddenSize, T.One, za, HiddenSize);
        if (kernel) TanhRows.Forward(Floats(za));
        else Activations.Forward<T>(Activation, za, za, HiddenSize, 0);
        if (!za.Overlaps(step.H)) za.CopyTo(step.H); // the layer runs the step in h's storage (StateIsCache)
    }

    /// <summary>
    /// dz = dh ⊙ f′(z) (the δ^{h,t} of docs/equations.md#elman), with f′ read from a (which also stands in for z in
    /// f′'s sign tests; see the remarks), which is both dxp and dhp; dh_{t−1} = dz W_hh. f′ reads a[j] before dz[j] is
    /// written, so the gradients may be the cache.
    /// </summary>
    internal override void Backward(in RecurrentStep<T> step) => RunBackward(step, FastTanh);

    /// <summary>The reference of <see cref="Backward"/>: f′ from <see cref="Activations"/>, generic in T.</summary>
    internal void BackwardReference(in RecurrentStep<T> step) => RunBackward(step, kernel: false);

    private void RunBackward(in RecurrentStep<T> step, bool kernel)
    {
        int n = step.Batch * HiddenSize;
        var dz = step.Gradients[..n];
        ReadOnlySpan<T> a = step.Cache[..n];
        if (kernel) TanhRows.Backward(Floats(a), Floats(step.Dh[..n]), Floats(dz));
        else Activations.Backward<T>(Activation, a, a, step.Dh[..n], dz, HiddenSize, 0);
        MultiplyRecurrent(step, 1, dz, HiddenSize, T.Zero, step.DhPrev, HiddenSize);
    }

    // float tanh, the default of char-rnn and of training: TanhRows' vector loops (double keeps the generic code).
    private bool FastTanh => typeof(T) == typeof(float) && Activation == Activation.Tanh;

    /// <summary>0: h_{t−1}·W_hhᵀ forward; 1: dz·W_hh backward.</summary>
    private protected override RecurrentProduct[] DescribeRecurrentProducts() =>
        [new(true, HiddenSize, HiddenSize, 0, Backward: false), new(false, HiddenSize, HiddenSize, 0, Backward: true)];
}
