using Recurrent.Backends.Cpu;
using Recurrent.Parameters;

namespace Recurrent.Layers.Recurrent;

/// <summary>
/// The GRU cell (docs/equations.md#gru) in PyTorch's form (default) or the course's (<see cref="GruForm"/>), gates
/// stacked r, z, n:
/// <code>
/// r = σ(x W_irᵀ + b_ir + h_{t−1} W_hrᵀ + b_hr),   z = σ(x W_izᵀ + b_iz + h_{t−1} W_hzᵀ + b_hz)
/// ResetAfterProduct (PyTorch):  n = tanh(x W_inᵀ + b_in + r ⊙ (h_{t−1} W_hnᵀ + b_hn))
///                               h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
/// ResetBeforeProduct (course):  n = tanh(x W_inᵀ + b_in + (r ⊙ h_{t−1}) W_hnᵀ + b_hn)
///                               h_t = (1 − z) ⊙ h_{t−1} + z ⊙ n
/// </code>
/// n is the course's h̃_t. The two forms differ in where r is applied and in which of z and 1 − z keeps the old state.
/// Glossary: B batch, H hidden size; r, z, n gate values (B, H); a_* their pre-activations; hn = h_{t−1} W_hnᵀ + b_hn;
/// rh = r ⊙ h_{t−1}; s the recurrent product (B, 3H); dh = ∂C/∂h_t; da_* = ∂C/∂a_*; drh = ∂C/∂rh.
/// </summary>
/// <remarks>
/// Parameters: weight_ih{suffix} (3H, I), weight_hh{suffix} (3H, H), bias_ih{suffix}, bias_hh{suffix} (3H), all
/// U(−1/√H, +1/√H). Cache per step: rows of (r, z, n, hn) after the product, or (r, z, n, rh) before it; K = 4H.
/// The gate columns (r, z, n) arrive holding xp and leave backward holding dxp = (da_r, da_z, da_n); after the product,
/// backward also writes dhp_n = da_n ⊙ r over hn (dhp_r, dhp_z are da_r, da_z), so no (T, B, 3H) buffer is kept for
/// dhp. Reset before the product needs a second per-step product, rh W_hnᵀ, after r is known (and its transpose
/// backward).
/// </remarks>
public sealed class GruCell<T> : RecurrentCell<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Declares the GRU's parameters (see the class remarks for names and shapes).</summary>
    /// <param name="parameters">The model's parameter set, not yet sealed.</param>
    /// <param name="inputSize">I.</param>
    /// <param name="hiddenSize">H.</param>
    /// <param name="bias">Whether bias_ih and bias_hh exist.</param>
    /// <param name="form">Where r is applied; PyTorch's by default.</param>
    /// <param name="suffix">Name suffix, e.g. "_l0".</param>
    /// <param name="prefix">Name prefix, e.g. "rnn."; "" by default.</param>
    public GruCell(ParameterSet<T> parameters, int inputSize, int hiddenSize, bool bias = true,
        GruForm form = GruForm.ResetAfterProduct, string suffix = "", string prefix = "")
        : base(parameters, inputSize, hiddenSize, 3, bias, suffix, prefix: prefix)
    {
        if (!Enum.IsDefined(form)) throw new ArgumentOutOfRangeException(nameof(form), form, "unknown GRU form");
        Form = form;
    }

    /// <summary>Where r is applied.</summary>
    public GruForm Form { get; }

    /// <inheritdoc/>
    public override bool HasCellState => false;

    /// <inheritdoc/>
    public override int CacheWidth => 4 * HiddenSize;

    /// <summary>After the product, dhp_n = da_n ⊙ r differs from dxp_n = da_n; it is written to dhp's columns [3H,
    /// 4H).</summary>
    public override bool HasSeparateRecurrentGradient => Form == GruForm.ResetAfterProduct;

    /// <summary>
    /// The equations of the class summary. In float after the product (training's case) the gates run in
    /// <see cref="GruGates"/>, the fast kernel; otherwise in <see cref="ForwardReference"/>. The reset-before form is
    /// reference-only by choice: it is the course's form, not PyTorch's, and nothing times it.
    /// </summary>
    internal override void Forward(in RecurrentStep<T> step)
    {
        if (typeof(T) != typeof(float) || Form != GruForm.ResetAfterProduct)
        {
            ForwardReference(step);
            return;
        }
        int hs = HiddenSize, k = CacheWidth, gh = GateWidth;
        var s = step.Scratch; // (B, 3H) h_{t−1}·W_hhᵀ
        MultiplyRecurrent(step, 0, step.HPrev, hs, T.Zero, s, gh);
        ReadOnlySpan<float> biasN = BiasHh is null ? default : Floats(BiasHh.Value.Span.Slice(2 * hs, hs));
        for (int b = 0; b < step.Batch; b++) // in place: xp is the cache row's gate columns
        {
            var row = step.Cache.Slice(b * k, k);
            GruGates.ForwardRow(Floats(row), Floats(step.H.Slice(b * hs, hs)), Floats(s.Slice(b * gh, gh)),
                Floats((ReadOnlySpan<T>)row[..gh]), biasN, Floats(step.HPrev.Slice(b * hs, hs)));
        }
    }

    /// <summary>
    /// The reference of <see cref="Forward"/>, generic in T, one span operation at a time: float64 gradient checks run
    /// it, and a test holds <see cref="GruGates.ForwardRow"/> equal to it in float.
    /// </summary>
    internal void ForwardReference(in RecurrentStep<T> step)
    {
        int hs = HiddenSize, k = CacheWidth, gh = GateWidth, batch = step.Batch;
        bool after = Form == GruForm.ResetAfterProduct;
        Span<T> cache = step.Cache, scratch = step.Scratch, h = step.H;
        ReadOnlySpan<T> hPrev = step.HPrev;
        // s (B, 3H): every gate's product after the reset, only r's and z's before it
        MultiplyRecurrent(step, 0, hPrev, hs, T.Zero, scratch, gh);
        for (int b = 0; b < batch; b++)
        {
            var row = cache.Slice(b * k, k);
            var rz = row[..(2 * hs)];
            TensorPrimitives.Add(rz, scratch.Slice(b * gh, 2 * hs), rz); // xp_rz is the row's own first 2H values
            TensorPrimitives.Sigmoid(rz, rz);
            if (after)
            {
                var hn = row.Slice(3 * hs, hs);
                scratch.Slice(b * gh + 2 * hs, hs).CopyTo(hn);
                if (BiasHh is not null) TensorPrimitives.Add(hn, BiasHh.Value.Span.Slice(2 * hs, hs), hn);
            }
            else
            {
                TensorPrimitives.Multiply(row[..hs], hPrev.Slice(b * hs, hs), row.Slice(3 * hs, hs)); // rh
            }
        }
        if (!after) // s_n = rh W_hnᵀ
            MultiplyRecurrent(step, 1, cache[(3 * hs)..], k, T.Zero, scratch[(2 * hs)..], gh);
        for (int b = 0; b < batch; b++)
        {
            var row = cache.Slice(b * k, k);
            var n = row.Slice(2 * hs, hs); // holds xp_n until it becomes n
            if (after) TensorPrimitives.MultiplyAdd(row[..hs], row.Slice(3 * hs, hs), n, n);
            else TensorPrimitives.Add(n, scratch.Slice(b * gh + 2 * hs, hs), n);
            TensorPrimitives.Tanh(n, n);
            var ht = h.Slice(b * hs, hs);
            if (after) // h = n + z ⊙ (h_{t−1} − n)
            {
                TensorPrimitives.Subtract(hPrev.Slice(b * hs, hs), n, ht);
                TensorPrimitives.MultiplyAdd(row.Slice(hs, hs), ht, n, ht);
            }
            else // h = h_{t−1} + z ⊙ (n − h_{t−1})
            {
                TensorPrimitives.Subtract(n, hPrev.Slice(b * hs, hs), ht);
                TensorPrimitives.MultiplyAdd(row.Slice(hs, hs), ht, hPrev.Slice(b * hs, hs), ht);
            }
        }
    }

    /// <summary>
    /// After the product (h = (1 − z) ⊙ n + z ⊙ h_{t−1}): dn = dh ⊙ (1 − z), dz = dh ⊙ (h_{t−1} − n), dh_{t−1} = dh ⊙ z
    /// + …. Before it (h = (1 − z) ⊙ h_{t−1} + z ⊙ n): dn = dh ⊙ z, dz = dh ⊙ (n − h_{t−1}), dh_{t−1} = dh ⊙ (1 − z) +
    /// …. Both: da_n = dn ⊙ (1 − n²), da_z = dz ⊙ z(1 − z).
    /// After the product: dr = da_n ⊙ hn; dhp = [da_r, da_z, da_n ⊙ r]; dh_{t−1} += dhp W_hh.
    /// Before it: drh = da_n W_hn; dr = drh ⊙ h_{t−1}; dh_{t−1} += drh ⊙ r + [da_r, da_z] W_h[rz]; dhp = dxp.
    /// Always da_r = dr ⊙ r(1 − r) and dxp = [da_r, da_z, da_n]. The gates run in <see cref="GruGates"/> in float after
    /// the product, else in <see cref="BackwardReference"/>.
    /// </summary>
    internal override void Backward(in RecurrentStep<T> step)
    {
        if (typeof(T) != typeof(float) || Form != GruForm.ResetAfterProduct)
        {
            BackwardReference(step);
            return;
        }
        int hs = HiddenSize, k = CacheWidth, gh = GateWidth;
        for (int b = 0; b < step.Batch; b++)
            GruGates.BackwardRow(Floats(step.Gradients.Slice(b * k, gh)), Floats(step.Gradients.Slice(b * k, k)),
                Floats(step.Scratch.Slice(b * gh, gh)), Floats(step.DhPrev.Slice(b * hs, hs)),
                    Floats(step.Cache.Slice(b * k, k)),
                Floats(step.Dh.Slice(b * hs, hs)), Floats(step.HPrev.Slice(b * hs, hs)));
        MultiplyRecurrent(step, 1, step.Scratch, gh, T.One, step.DhPrev, hs);
    }

    /// <summary>
    /// The reference of <see cref="Backward"/>, generic in T, one unit at a time. Each unit's r, z, n (and hn) are read
    /// before its gradients are written, so the gradients may be the cache; the step's dhp goes to the GEMM from
    /// scratch.
    /// </summary>
    internal void BackwardReference(in RecurrentStep<T> step)
    {
        int hs = HiddenSize, k = CacheWidth, gh = GateWidth, batch = step.Batch;
        bool after = Form == GruForm.ResetAfterProduct;
        Span<T> grads = step.Gradients, scratch = step.Scratch, dhPrev = step.DhPrev;
        ReadOnlySpan<T> cache = step.Cache, dh = step.Dh, hPrev = step.HPrev;
        for (int b = 0; b < batch; b++)
        {
            var row = cache.Slice(b * k, k);
            var da = grads.Slice(b * k, gh);
            var dp = scratch.Slice(b * gh, gh); // this step's dhp row for the GEMM below (after the product)
            int o0 = b * hs;
            for (int j = 0; j < hs; j++)
            {
                T r = row[j], z = row[hs + j], n = row[2 * hs + j];
                T dhj = dh[o0 + j];
                T keep = after ? z : T.One - z; // the weight of h_{t−1} in h_t; n's is 1 − keep
                T daN = dhj * (T.One - keep) * (T.One - n * n);
                T dz = after ? dhj * (hPrev[o0 + j] - n) : dhj * (n - hPrev[o0 + j]);
                T daZ = dz * z * (T.One - z);
                da[hs + j] = daZ;
                da[2 * hs + j] = daN;
                dhPrev[o0 + j] = dhj * keep;
                if (!after) continue;
                T daR = daN * row[3 * hs + j] * r * (T.One - r); // hn read before dhp_n is written over it
                da[j] = daR;
                grads[b * k + 3 * hs + j] = daN * r; // dhp's r and z blocks are dxp's own
                (dp[j], dp[hs + j], dp[2 * hs + j]) = (daR, daZ, daN * r);
            }
        }
        if (after)
        {
            MultiplyRecurrent(step, 1, scratch, gh, T.One, dhPrev, hs);
            return;
        }
        var drh = scratch[..(batch * hs)]; // (B, H) = da_n W_hn
        MultiplyRecurrent(step, 2, grads[(2 * hs)..], k, T.Zero, drh, hs);
        for (int b = 0; b < batch; b++)
        {
            var row = cache.Slice(b * k, k);
            int o0 = b * hs;
            for (int j = 0; j < hs; j++)
            {
                T r = row[j]; // still r: da_r is written here, after it is read
                grads[b * k + j] = drh[o0 + j] * hPrev[o0 + j] * r * (T.One - r);
                dhPrev[o0 + j] += drh[o0 + j] * r;
            }
        }
        MultiplyRecurrent(step, 3, grads, k, T.One, dhPrev, hs);
    }

    /// <summary>
    /// After the product: 0 = h_{t−1}·W_hhᵀ (H → 3H) forward, 1 = dhp·W_hh backward. Before it: 0 = h_{t−1}·W_h[rz]ᵀ
    /// (H → 2H) and 1 = rh·W_hnᵀ forward, 2 = da_n·W_hn and 3 = [da_r da_z]·W_h[rz] backward.
    /// </summary>
    private protected override RecurrentProduct[] DescribeRecurrentProducts()
    {
        int hs = HiddenSize, n0 = 2 * hs * hs; // W_hn starts after the r and z rows
        return Form == GruForm.ResetAfterProduct
            ? [new(true, hs, GateWidth, 0, Backward: false), new(false, GateWidth, hs, 0, Backward: true)]
            : [new(true, hs, 2 * hs, 0, Backward: false), new(true, hs, hs, n0, Backward: false),
                new(false, hs, hs, n0, Backward: true), new(false, 2 * hs, hs, 0, Backward: true)];
    }

    /// <summary>b_hn reaches n only through r ⊙ (…) after the product, so it cannot join xp there.</summary>
    private protected override bool FoldsRecurrentBias(int column) => Form == GruForm.ResetBeforeProduct || column < 2
        * HiddenSize;

    /// <summary>
    /// dW_h[rz] += dhp_rzᵀ h_prev, and dW_hn += dhp_nᵀ h_prev after the product (dhp_n in columns [3H, 4H)) or
    /// dW_hn += da_nᵀ rh before it (W_hn multiplies rh, not h_{t−1}); one GEMM each.
    /// </summary>
    private protected override void AccumulateRecurrentWeightGradient(ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cache,
        ReadOnlySpan<T> dhp, int rows)
    {
        int hs = HiddenSize, k = CacheWidth;
        var dW = WeightHh.Gradient.Span;
        Gemm.Multiply(true, false, 2 * hs, hs, rows, T.One, dhp, k, hPrev, hs, T.One, dW, hs);
        if (Form == GruForm.ResetAfterProduct)
            Gemm.Multiply(true, false, hs, hs, rows, T.One, dhp[(3 * hs)..], k, hPrev, hs, T.One, dW[(2 * hs * hs)..],
                hs);
        else
            Gemm.Multiply(true, false, hs, hs, rows, T.One, dhp[(2 * hs)..], k, cache[(3 * hs)..], k, T.One,
                dW[(2 * hs * hs)..], hs);
    }

    /// <summary>db_hh += Σ_rows dhp, whose n block lies in columns [3H, 4H) after the product.</summary>
    private protected override void AccumulateRecurrentBiasGradient(ReadOnlySpan<T> dhp, int rows)
    {
        if (Form == GruForm.ResetBeforeProduct)
        {
            base.AccumulateRecurrentBiasGradient(dhp, rows);
            return;
        }
        int hs = HiddenSize, k = CacheWidth;
        var db = BiasHh!.Gradient.Span;
        AddColumnSums(db[..(2 * hs)], dhp, rows, k);
        AddColumnSums(db.Slice(2 * hs, hs), dhp[(3 * hs)..], rows, k);
    }
}
