using Recurrent.Backends.Cpu;
using Recurrent.Parameters;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// The vanilla (Elman) cell of SPEC §2, PyTorch's nn.RNN cell: h_t = f(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh)
/// with f tanh (default), ReLU, sigmoid, identity (or any other element-wise <see cref="Activation"/>).
/// SPEC's U is W_ih and W is W_hh, written for row vectors.
/// Glossary: z pre-activation (B, H), a = f(z) = h_t, dz = ∂C/∂z, B batch, H hidden size.
/// </summary>
/// <remarks>Cache per step: one (B, H) block, K = H: it arrives holding xp (the layer projects into it), holds z and
/// then a = f(z) after the forward step, and dz after the backward step. z itself is not kept: every f here has f′
/// as a function of a (1 − a², a(1 − a), and for ReLU, leaky ReLU with its positive slope and ELU with its positive α,
/// z &gt; 0 exactly when a &gt; 0), so a stands in for z and no second (T, B, H) block is needed. Since a is h_t, the layer
/// keeps no cache for this cell at all (<see cref="StateIsCache"/>): the cache it passes is h_t's own storage.</remarks>
public sealed class RnnCell<T> : RecurrentCell<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Declares weight_ih{suffix} (H, I), weight_hh{suffix} (H, H) and, with bias, bias_ih{suffix}, bias_hh{suffix} (H).</summary>
    /// <param name="parameters">The model's parameter set, not yet sealed.</param>
    /// <param name="inputSize">I.</param>
    /// <param name="hiddenSize">H.</param>
    /// <param name="activation">f; PyTorch offers tanh and ReLU, SPEC also uses sigmoid and identity. Softmax is rejected.</param>
    /// <param name="bias">Whether b_ih and b_hh exist (PyTorch's bias=True).</param>
    /// <param name="suffix">Name suffix, e.g. "_l0".</param>
    /// <param name="prefix">Name prefix, e.g. "rnn."; "" by default.</param>
    public RnnCell(ParameterSet<T> parameters, int inputSize, int hiddenSize, Activation activation = Activation.Tanh,
        bool bias = true, string suffix = "", string prefix = "")
        : base(parameters, inputSize, hiddenSize, 1, bias, suffix, prefix: prefix)
    {
        if (activation == Activation.Softmax)
            throw new ArgumentException("a recurrent cell needs an element-wise activation; softmax is row-wise", nameof(activation));
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

    internal override bool UsesScratch => false;

    /// <summary>z = xp_t + h_{t−1} W_hhᵀ (one GEMM onto the projection in the cache), h_t = a = f(z), a kept over z.</summary>
    public override void Forward(Span<T> h, Span<T> c, Span<T> cache, Span<T> scratch,
        ReadOnlySpan<T> xp, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev, int batch)
    {
        int n = batch * HiddenSize;
        var za = cache[..n];         // (B, H) z, then a
        if (!xp.Overlaps(za)) xp[..n].CopyTo(za); // the layer's xp already lies in the cache
        MultiplyRecurrent(0, batch, hPrev, HiddenSize, T.One, za, HiddenSize);
        if (FastTanh) TanhRows.Forward(Floats(za)); // training's case: the vectorised twin of the line below
        else Activations.Forward<T>(Activation, za, za, HiddenSize, 0);
        if (!za.Overlaps(h)) za.CopyTo(h); // the layer runs the step in h's storage (StateIsCache)
    }

    /// <summary>
    /// dz = dh ⊙ f′(z) (the δ^{h,t} of SPEC §2), with f′ read from a (which also stands in for z in f′'s sign tests;
    /// see the remarks), which is both dxp and dhp; dh_{t−1} = dz W_hh. f′ reads a[j] before dz[j] is written, so dxp
    /// may be the cache.
    /// </summary>
    public override void Backward(Span<T> dxp, Span<T> dhp, Span<T> dhPrev, Span<T> dcPrev, Span<T> scratch,
        ReadOnlySpan<T> dh, ReadOnlySpan<T> dc, ReadOnlySpan<T> cache, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev,
        ReadOnlySpan<T> c, int batch)
    {
        int n = batch * HiddenSize;
        var dz = dxp[..n];
        var a = cache[..n];
        if (FastTanh) TanhRows.Backward(Floats(a), Floats(dh[..n]), Floats(dz));
        else Activations.Backward<T>(Activation, a, a, dh[..n], dz, HiddenSize, 0);
        MultiplyRecurrent(1, batch, dz, HiddenSize, T.Zero, dhPrev, HiddenSize);
    }

    /// <summary>
    /// True for float tanh (<see cref="TanhRows.BackwardSum"/>); other forms read dh whole. (Adding dh_{t−1} onto
    /// dy_{t−1} in the product instead, as the LSTM does, measured 1.5 % slower here: this cell's steps are too short to
    /// hide reading dy from L3 in the product's write-back.)
    /// </summary>
    internal override bool SumsDh => FastTanh;

    /// <summary>dz = (dy + dh_next) ⊙ (1 − a²) in one pass, then dh_{t−1} = dz W_hh.</summary>
    internal override void BackwardSummingDh(Span<T> dxp, Span<T> dhPrev, ReadOnlySpan<T> dy, ReadOnlySpan<T> dhNext,
        ReadOnlySpan<T> cache, int batch)
    {
        if (!FastTanh) throw new NotSupportedException("the Elman cell sums dh itself for float tanh only");
        int n = batch * HiddenSize;
        var dz = dxp[..n];
        TanhRows.BackwardSum(Floats(cache[..n]), Floats(dy[..n]), Floats(dhNext[..n]), Floats(dz));
        MultiplyRecurrent(1, batch, dz, HiddenSize, T.Zero, dhPrev, HiddenSize);
    }

    // float tanh, the default of char-rnn and of training: TanhRows' vector loops (double keeps the generic code).
    private bool FastTanh => typeof(T) == typeof(float) && Activation == Activation.Tanh;

    /// <summary>0: h_{t−1}·W_hhᵀ forward; 1: dz·W_hh backward.</summary>
    private protected override RecurrentProduct[] DescribeRecurrentProducts() =>
        [new(true, HiddenSize, HiddenSize, 0, Backward: false), new(false, HiddenSize, HiddenSize, 0, Backward: true)];
}
