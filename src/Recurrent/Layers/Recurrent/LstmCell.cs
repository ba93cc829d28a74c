using Recurrent.Backends.Cpu;
using Recurrent.Parameters;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// PyTorch's LSTM cell (docs/equations.md#lstm), gates stacked i, f, g, o in the weights, with optional diagonal
/// peepholes:
/// <code>
/// [a_i a_f a_g a_o] = x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh
/// i = σ(a_i + w_ci ⊙ c_{t−1}),  f = σ(a_f + w_cf ⊙ c_{t−1}),  g = tanh(a_g)
/// c_t = f ⊙ c_{t−1} + i ⊙ g
/// o = σ(a_o + w_co ⊙ c_t),  h_t = o ⊙ tanh(c_t)
/// </code>
/// (peephole terms only with peepholes). The course's W_i·[h, x] is [W_hh,i W_ih,i] acting on rows.
/// Glossary: B batch, H hidden size; i, f, g, o gate values (B, H); a_* their pre-activations; tc = tanh(c_t);
/// dh = ∂C/∂h_t, dc = ∂C/∂c_t from later steps, dct = total ∂C/∂c_t; da_* = ∂C/∂a_*.
/// </summary>
/// <remarks>
/// Parameters: weight_ih{suffix} (4H, I), weight_hh{suffix} (4H, H), bias_ih{suffix}, bias_hh{suffix} (4H) and, with
/// peepholes, weight_ci{suffix}, weight_cf{suffix}, weight_co{suffix} (H), all U(−1/√H, +1/√H). With forgetBiasOne,
/// bias_ih's forget slice [H, 2H) starts at 1 and bias_hh's at 0, so the gate's total bias starts at 1.
/// Cache per step: rows of (i, f, g, o, tc), K = 5H. The gate columns arrive holding xp (the layer projects into
/// them), hold the pre-activations then i, f, g, o after the forward step, and da_i … da_o (dxp, which is also dhp)
/// after the backward step.
/// </remarks>
public sealed class LstmCell<T> : RecurrentCell<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int ForwardProduct = 0, BackwardProduct = 1; // h_{t−1}·W_hhᵀ and da·W_hh

    /// <summary>Declares the LSTM's parameters (see the class remarks for names and shapes).</summary>
    /// <param name="parameters">The model's parameter set, not yet sealed.</param>
    /// <param name="inputSize">I.</param>
    /// <param name="hiddenSize">H.</param>
    /// <param name="bias">Whether bias_ih and bias_hh exist.</param>
    /// <param name="peepholes">Add diagonal peepholes w_ci, w_cf (seeing c_{t−1}) and w_co (seeing c_t).</param>
    /// <param name="forgetBiasOne">Start the forget gate's total bias at 1 (needs <paramref name="bias"/>).</param>
    /// <param name="suffix">Name suffix, e.g. "_l0".</param>
    /// <param name="prefix">Name prefix, e.g. "rnn."; "" by default.</param>
    public LstmCell(ParameterSet<T> parameters, int inputSize, int hiddenSize, bool bias = true, bool peepholes = false,
        bool forgetBiasOne = false, string suffix = "", string prefix = "")
        : base(parameters, inputSize, hiddenSize, 4, bias, suffix,
            ForgetSlice(hiddenSize, bias, forgetBiasOne, 1), ForgetSlice(hiddenSize, bias, forgetBiasOne, 0), prefix)
    {
        Peepholes = peepholes;
        ForgetBiasOne = forgetBiasOne;
        if (peepholes)
        {
            var init = new PyTorchDefaultInitializer(hiddenSize);
            WeightCi = parameters.Add(prefix + "weight_ci" + suffix, [hiddenSize], init);
            WeightCf = parameters.Add(prefix + "weight_cf" + suffix, [hiddenSize], init);
            WeightCo = parameters.Add(prefix + "weight_co" + suffix, [hiddenSize], init);
        }
    }

    /// <summary>Whether the gates see the cell state.</summary>
    public bool Peepholes { get; }

    /// <summary>Whether the forget gate's bias started at 1.</summary>
    public bool ForgetBiasOne { get; }

    /// <summary>w_ci (H), or null without peepholes.</summary>
    public Parameter<T>? WeightCi { get; }

    /// <summary>w_cf (H), or null without peepholes.</summary>
    public Parameter<T>? WeightCf { get; }

    /// <summary>w_co (H), or null without peepholes.</summary>
    public Parameter<T>? WeightCo { get; }

    /// <inheritdoc/>
    public override bool HasCellState => true;

    /// <inheritdoc/>
    public override int CacheWidth => 5 * HiddenSize;

    internal override int ScratchWidth => 0;

    /// <summary>
    /// The equations of the class summary; the four pre-activations come from one GEMM onto xp_t in the cache. In
    /// float without peepholes (training's case) the gates run in <see cref="LstmGates"/>, the fast kernel; otherwise
    /// in <see cref="ForwardReference"/>. Peepholes stay reference-only by choice: they are not char-rnn's model, and
    /// a second kernel for them would be code to keep equal for a case nobody times.
    /// </summary>
    internal override void Forward(in RecurrentStep<T> step)
    {
        if (typeof(T) != typeof(float) || Peepholes)
        {
            ForwardReference(step);
            return;
        }
        int hs = HiddenSize, k = CacheWidth;
        MultiplyRecurrent(step, ForwardProduct, step.HPrev, hs, T.One, step.Cache, k);
        for (int b = 0; b < step.Batch; b++)
            LstmGates.ForwardRow(Floats(step.Cache.Slice(b * k, k)), Floats(step.C.Slice(b * hs, hs)),
                Floats(step.H.Slice(b * hs, hs)),
                Floats(step.CPrev.Slice(b * hs, hs)));
    }

    /// <summary>
    /// The reference of <see cref="Forward"/>, generic in T, one span operation at a time: the product onto xp, then
    /// i, f, g, o, tanh c_t in the cache's gate columns and c_t, h_t. Float64 gradient checks run it; a test holds
    /// <see cref="LstmGates.ForwardRow"/> equal to it in float.
    /// </summary>
    internal void ForwardReference(in RecurrentStep<T> step)
    {
        int hs = HiddenSize, k = CacheWidth;
        MultiplyRecurrent(step, ForwardProduct, step.HPrev, hs, T.One, step.Cache, k);
        for (int b = 0; b < step.Batch; b++)
        {
            var row = step.Cache.Slice(b * k, k);
            var i = row[..hs];
            var f = row.Slice(hs, hs);
            var g = row.Slice(2 * hs, hs);
            var o = row.Slice(3 * hs, hs);
            var tc = row.Slice(4 * hs, hs);
            var cp = step.CPrev.Slice(b * hs, hs);
            var ct = step.C.Slice(b * hs, hs);
            if (WeightCi is not null && WeightCf is not null)
            {
                TensorPrimitives.MultiplyAdd(WeightCi.Value.Span, cp, i, i);
                TensorPrimitives.MultiplyAdd(WeightCf.Value.Span, cp, f, f);
            }
            TensorPrimitives.Sigmoid(row[..(2 * hs)], row[..(2 * hs)]);
            TensorPrimitives.Tanh(g, g);
            TensorPrimitives.Multiply(f, cp, ct);
            TensorPrimitives.MultiplyAdd(i, g, ct, ct);
            if (WeightCo is not null) TensorPrimitives.MultiplyAdd(WeightCo.Value.Span, ct, o, o);
            TensorPrimitives.Sigmoid(o, o);
            TensorPrimitives.Tanh(ct, tc);
            TensorPrimitives.Multiply(o, tc, step.H.Slice(b * hs, hs));
        }
    }

    /// <summary>
    /// da_o = dh ⊙ tc ⊙ o(1 − o);  dct = dc + dh ⊙ o ⊙ (1 − tc²) + w_co ⊙ da_o;
    /// da_i = dct ⊙ g ⊙ i(1 − i);  da_f = dct ⊙ c_{t−1} ⊙ f(1 − f);  da_g = dct ⊙ i ⊙ (1 − g²);
    /// dc_{t−1} = dct ⊙ f + w_ci ⊙ da_i + w_cf ⊙ da_f;  dh_{t−1} = [da_i da_f da_g da_o] W_hh.
    /// The gates run in <see cref="LstmGates"/> in float without peepholes, else in <see cref="BackwardReference"/>.
    /// </summary>
    internal override void Backward(in RecurrentStep<T> step)
    {
        if (typeof(T) != typeof(float) || Peepholes)
        {
            BackwardReference(step);
            return;
        }
        int hs = HiddenSize, k = CacheWidth, gh = GateWidth;
        for (int b = 0; b < step.Batch; b++)
            LstmGates.BackwardRow(Floats(step.Gradients.Slice(b * k, gh)), Floats(step.DcPrev.Slice(b * hs, hs)),
                Floats(step.Cache.Slice(b * k, k)), Floats(step.Dh.Slice(b * hs, hs)), Floats(step.Dc.Slice(b * hs,
                    hs)),
                Floats(step.CPrev.Slice(b * hs, hs)));
        MultiplyRecurrent(step, BackwardProduct, step.Gradients, k, T.Zero, step.DhPrev, hs);
    }

    /// <summary>
    /// The reference of <see cref="Backward"/>, generic in T, one unit at a time, then the product with W_hh. Each
    /// unit's i, f, g, o, tc are read before its four da are written, so the gradients may be the cache.
    /// </summary>
    internal void BackwardReference(in RecurrentStep<T> step)
    {
        int hs = HiddenSize, k = CacheWidth, gh = GateWidth;
        ReadOnlySpan<T> wci = WeightCi is null ? default : WeightCi.Value.Span;
        ReadOnlySpan<T> wcf = WeightCf is null ? default : WeightCf.Value.Span;
        ReadOnlySpan<T> wco = WeightCo is null ? default : WeightCo.Value.Span;
        ReadOnlySpan<T> dh = step.Dh, dc = step.Dc, cPrev = step.CPrev;
        Span<T> dcPrev = step.DcPrev;
        bool peep = Peepholes;
        for (int b = 0; b < step.Batch; b++)
        {
            ReadOnlySpan<T> row = step.Cache.Slice(b * k, k);
            var da = step.Gradients.Slice(b * k, gh);
            int o0 = b * hs;
            for (int j = 0; j < hs; j++)
            {
                T i = row[j], f = row[hs + j], g = row[2 * hs + j], o = row[3 * hs + j], tc = row[4 * hs + j];
                T dhj = dh[o0 + j];
                T daO = dhj * tc * o * (T.One - o);
                T dct = dc[o0 + j] + dhj * o * (T.One - tc * tc);
                if (peep) dct += wco[j] * daO;
                T daI = dct * g * i * (T.One - i);
                T daF = dct * cPrev[o0 + j] * f * (T.One - f);
                T daG = dct * i * (T.One - g * g);
                T dcp = dct * f;
                if (peep) dcp += wci[j] * daI + wcf[j] * daF;
                da[j] = daI;
                da[hs + j] = daF;
                da[2 * hs + j] = daG;
                da[3 * hs + j] = daO;
                dcPrev[o0 + j] = dcp;
            }
        }
        MultiplyRecurrent(step, BackwardProduct, step.Gradients, k, T.Zero, step.DhPrev, hs);
    }

    /// <summary>h_{t−1}·W_hhᵀ (H → 4H) forward, da·W_hh (4H → H) backward.</summary>
    private protected override RecurrentProduct[] DescribeRecurrentProducts() =>
        [new(true, HiddenSize, GateWidth, 0, Backward: false), new(false, GateWidth, HiddenSize, 0, Backward: true)];

    /// <summary>The base gradients plus the peepholes': dw_ci += Σ da_i ⊙ c_{t−1}, dw_cf += Σ da_f ⊙ c_{t−1}, dw_co +=
    /// Σ da_o ⊙ c_t.</summary>
    internal override void AccumulateParameterGradients(ReadOnlySpan<T> x, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev,
        ReadOnlySpan<T> c, ReadOnlySpan<T> cache, ReadOnlySpan<T> dxp, int rows, InputProjection<T> work)
    {
        base.AccumulateParameterGradients(x, hPrev, cPrev, c, cache, dxp, rows, work);
        if (WeightCi is null || WeightCf is null || WeightCo is null) return;
        int hs = HiddenSize, k = CacheWidth;
        AddRowProducts(WeightCi.Gradient.Span, dxp, k, cPrev, hs, rows);
        AddRowProducts(WeightCf.Gradient.Span, dxp[hs..], k, cPrev, hs, rows);
        AddRowProducts(WeightCo.Gradient.Span, dxp[(3 * hs)..], k, c, hs, rows);
    }

    /// <summary>The bias initializer that sets the forget slice [H, 2H) to <paramref name="value"/>, or null without
    /// forgetBiasOne.</summary>
    private static ConstantSliceInitializer? ForgetSlice(int hiddenSize, bool bias, bool forgetBiasOne, double value)
    {
        if (!forgetBiasOne) return null;
        if (!bias)
            throw new ArgumentException("forgetBiasOne needs bias = true: without biases there is no forget bias to " +
                "start at 1", nameof(forgetBiasOne));
        return new(new PyTorchDefaultInitializer(hiddenSize), hiddenSize, hiddenSize, value);
    }
}
