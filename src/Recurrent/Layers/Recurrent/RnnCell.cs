using Recurrent.Backends.Cpu;
using Recurrent.Parameters;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// The vanilla (Elman) cell of SPEC §2, PyTorch's nn.RNN cell: h_t = f(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh)
/// with f tanh (default), ReLU, sigmoid, identity (or any other element-wise <see cref="Activation"/>).
/// SPEC's U is W_ih and W is W_hh, written for row vectors.
/// Glossary: z pre-activation (B, H), a = f(z) = h_t, dz = ∂C/∂z, B batch, H hidden size.
/// </summary>
/// <remarks>Cache per step: z (B, H), K = H: it arrives holding xp (the layer projects into it) and leaves backward
/// holding dz. a = h_t is not cached (the layer keeps h); backward recomputes it from z into scratch, one activation
/// pass per step, rather than keep a second (T, B, H) copy of every h.</remarks>
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

    /// <summary>z = xp_t + h_{t−1} W_hhᵀ (one GEMM onto the projection in the cache), h_t = a = f(z).</summary>
    public override void Forward(Span<T> h, Span<T> c, Span<T> cache, Span<T> scratch,
        ReadOnlySpan<T> xp, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev, int batch)
    {
        int n = batch * HiddenSize;
        var z = cache[..n];          // (B, H)
        if (!xp.Overlaps(z)) xp[..n].CopyTo(z); // the layer's xp already lies in the cache
        Gemm.Multiply(false, true, batch, HiddenSize, HiddenSize, T.One, hPrev, HiddenSize, WeightHh.Value.Span, HiddenSize, T.One, z, HiddenSize);
        Activations.Forward<T>(Activation, z, h[..n], HiddenSize, 0);
    }

    /// <summary>
    /// a = f(z) again (into scratch), dz = dh ⊙ f′(z) (the δ^{h,t} of SPEC §2), which is both dxp and dhp;
    /// dh_{t−1} = dz W_hh. f′ reads z[j] and a[j] before dz[j] is written, so dxp may be the cache.
    /// </summary>
    public override void Backward(Span<T> dxp, Span<T> dhp, Span<T> dhPrev, Span<T> dcPrev, Span<T> scratch,
        ReadOnlySpan<T> dh, ReadOnlySpan<T> dc, ReadOnlySpan<T> cache, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev,
        ReadOnlySpan<T> c, int batch)
    {
        int n = batch * HiddenSize;
        var dz = dxp[..n];
        var a = scratch[..n];
        Activations.Forward<T>(Activation, cache[..n], a, HiddenSize, 0);
        Activations.Backward<T>(Activation, cache[..n], a, dh[..n], dz, HiddenSize, 0);
        Gemm.Multiply(false, false, batch, HiddenSize, HiddenSize, T.One, dz, HiddenSize, WeightHh.Value.Span, HiddenSize, T.Zero, dhPrev, HiddenSize);
    }
}
