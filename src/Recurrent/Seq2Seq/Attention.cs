using Recurrent.Backends.Cpu;
using Recurrent.Parameters;

namespace Recurrent.Seq2Seq;

/// <summary>
/// Attention of decoder queries over encoder keys, with a mask over padded source steps (docs/equations.md#attention):
/// <code>
/// e_tbs = score(q_tb, k_sb)          dot: q·k    general: q·(W k)    additive (Bahdanau): v·tanh(W_q q + U k)
/// a_tbs = exp(e_tbs) / Σ_{s'&lt;L_b} exp(e_tbs')  for s &lt; L_b, else 0
/// c_tb  = Σ_s a_tbs k_sb
/// Backward: da_tbs = dc_tb·k_sb;  dk_sb += a_tbs dc_tb;  de_tbs = a_tbs (da_tbs − Σ_s' a_tbs' da_tbs')
///   dot:      dq_tb += Σ_s de k_sb;  dk_sb += Σ_t de q_tb
///   general:  p_sb = W k_sb;  dq_tb += Σ_s de p_sb;  dp_sb = Σ_t de q_tb;  dk += dp W;  dW += Σ dp k̂ᵀ
///   additive: z = tanh(W_q q + U k);  dv += Σ de z;  dpre = de v ⊙ (1 − z²);  dq += (Σ_s dpre) W_q;
///             dk += (Σ_t dpre) U;  dW_q += Σ (Σ_s dpre) qᵀ;  dU += Σ (Σ_t dpre) kᵀ
/// </code>
/// Glossary: Td decoder steps, Ts source steps, B batch, Q query size, K key size, A additive size, L_b source length
/// of row b; q (Td, B, Q) queries, k (Ts, B, K) keys, e scores, a weights, c (Td, B, K) contexts.
/// </summary>
/// <remarks>
/// Parameters: general "{prefix}weight" (Q, K); additive "{prefix}query.weight" (A, Q), "{prefix}key.weight" (A, K),
/// "{prefix}v" (A), all PyTorch's default U(−1/√fan_in, 1/√fan_in). <see cref="SetKeys"/> projects the keys once so
/// that decoding step by step does not project them again; <see cref="Attend"/> then takes any number of query steps.
/// Backward reads the caller's keys and queries, which must stay unchanged until it runs. Rows with L_b = 0 attend to
/// nothing: c = 0. Returned tensors are workspaces, valid until the next call.
/// </remarks>
public sealed class Attention<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>? _weight, _queryWeight, _keyWeight, _v;
    private Tensor<T>? _keys, _queries;  // the caller's (Ts, B, K) and (Td, B, Q)
    private int[] _lengths = [];         // L_b (B)
    private T[] _projectedKeys = [];     // general: p (Ts, B, Q); additive: U k (Ts, B, A)
    private T[] _projectedQueries = [];  // additive: W_q q (Td, B, A)
    private T[] _hidden = [];            // additive: z (Td, B, Ts, A)
    private Tensor<T>? _weights, _context, _dQueries, _dKeys;
    private T[] _scoreGradients = [], _dProjectedKeys = [], _dProjectedQueries = [], _scratch = [];

    /// <summary>Declares the score's parameters (class remarks).</summary>
    /// <param name="parameters">The model's parameter set, not yet sealed.</param>
    /// <param name="prefix">Name prefix, e.g. "decoder.attention.".</param>
    /// <param name="kind">The score; not <see cref="AttentionKind.None"/>.</param>
    /// <param name="querySize">Q.</param>
    /// <param name="keySize">K; equal to Q for the dot score.</param>
    /// <param name="additiveSize">A, the additive score's hidden width (ignored by the others).</param>
    public Attention(ParameterSet<T> parameters, string prefix, AttentionKind kind, int querySize, int keySize,
        int additiveSize)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(querySize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keySize);
        if (kind is AttentionKind.None || !Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "attention needs a score: Bahdanau or Luong");
        if (kind == AttentionKind.LuongDot && querySize != keySize)
            throw new ArgumentException($"the dot score needs equal query and key sizes, got {querySize} and " +
                $"{keySize}");
        Kind = kind;
        QuerySize = querySize;
        KeySize = keySize;
        if (kind == AttentionKind.LuongGeneral)
            _weight = parameters.Add(prefix + "weight", [querySize, keySize], new PyTorchDefaultInitializer(keySize));
        if (kind != AttentionKind.Bahdanau) return;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(additiveSize);
        AdditiveSize = additiveSize;
        _queryWeight = parameters.Add(prefix + "query.weight", [additiveSize, querySize],
            new PyTorchDefaultInitializer(querySize));
        _keyWeight = parameters.Add(prefix + "key.weight", [additiveSize, keySize],
            new PyTorchDefaultInitializer(keySize));
        _v = parameters.Add(prefix + "v", [additiveSize], new PyTorchDefaultInitializer(additiveSize));
    }

    /// <summary>The score.</summary>
    public AttentionKind Kind { get; }

    /// <summary>Q.</summary>
    public int QuerySize { get; }

    /// <summary>K.</summary>
    public int KeySize { get; }

    /// <summary>A (additive only; 0 otherwise).</summary>
    public int AdditiveSize { get; }

    /// <summary>a (Td, B, Ts) of the last <see cref="Attend"/>: each row sums to 1 over its real source
    /// steps.</summary>
    public Tensor<T> Weights => _weights ?? throw new InvalidOperationException("no Attend has run yet");

    /// <summary><see cref="SetKeys"/> then <see cref="Attend"/>.</summary>
    public Tensor<T> Forward(Tensor<T> queries, Tensor<T> keys, ReadOnlySpan<int> keyLengths)
    {
        SetKeys(keys, keyLengths);
        return Attend(queries);
    }

    /// <summary>Keeps the keys and their lengths and projects them for the score (general, additive).</summary>
    /// <param name="keys">k (Ts, B, K), kept by reference.</param>
    /// <param name="keyLengths">L_b (B), each in [0, Ts].</param>
    public void SetKeys(Tensor<T> keys, ReadOnlySpan<int> keyLengths)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Rank != 3 || keys.Dim(2) != KeySize)
            throw new ShapeMismatchException($"keys: expected (Ts, B, K) with K = {KeySize}, got " +
                $"{ShapeText.Format(keys.Shape)}");
        int ts = keys.Dim(0), batch = keys.Dim(1), rows = ts * batch;
        if (keyLengths.Length != batch)
            throw new ShapeMismatchException($"key lengths: expected (B) = ({batch}), got ({keyLengths.Length})");
        for (int b = 0; b < batch; b++)
            if ((uint)keyLengths[b] > (uint)ts)
                throw new ArgumentOutOfRangeException(nameof(keyLengths),
                    $"key lengths[{b}] = {keyLengths[b]} is outside [0, Ts = {ts}]");
        _keys = keys;
        _lengths = keyLengths.ToArray();
        if (Kind == AttentionKind.LuongGeneral) // p_sb = W k_sb: as rows, p = k Wᵀ (Ts·B, Q)
        {
            Grow(ref _projectedKeys, rows * QuerySize);
            Gemm.Multiply(false, true, rows, QuerySize, KeySize, T.One, keys.Span, KeySize, _weight!.Value.Span,
                KeySize, T.Zero, _projectedKeys, QuerySize);
        }
        else if (Kind == AttentionKind.Bahdanau) // U k_sb, (Ts·B, A)
        {
            Grow(ref _projectedKeys, rows * AdditiveSize);
            Gemm.Multiply(false, true, rows, AdditiveSize, KeySize, T.One, keys.Span, KeySize, _keyWeight!.Value.Span,
                KeySize, T.Zero, _projectedKeys, AdditiveSize);
        }
    }

    /// <summary>The contexts of <paramref name="queries"/> over the keys of the last <see cref="SetKeys"/>.</summary>
    /// <param name="queries">q (Td, B, Q), kept by reference for <see cref="Backward"/>.</param>
    /// <returns>c (Td, B, K), a workspace; the weights are in <see cref="Weights"/>.</returns>
    public Tensor<T> Attend(Tensor<T> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var keys = _keys ?? throw new InvalidOperationException("Attend needs SetKeys before it");
        int ts = keys.Dim(0), batch = keys.Dim(1);
        if (queries.Rank != 3 || queries.Dim(1) != batch || queries.Dim(2) != QuerySize)
            throw new ShapeMismatchException($"queries: expected (Td, B, Q) with B = {batch}, Q = {QuerySize}, got " +
                $"{ShapeText.Format(queries.Shape)}");
        int td = queries.Dim(0);
        _queries = queries;
        if (_weights is null || !_weights.HasShape(td, batch, ts)) _weights = new Tensor<T>(td, batch, ts);
        if (_context is null || !_context.HasShape(td, batch, KeySize)) _context = new Tensor<T>(td, batch, KeySize);
        Scores(queries, td, ts, batch);
        var a = _weights.Span;
        var c = _context.Span;
        ReadOnlySpan<T> k = keys.Span;
        c.Clear();
        for (int t = 0; t < td; t++)
            for (int b = 0; b < batch; b++)
            {
                var row = a.Slice((t * batch + b) * ts, ts);
                int length = _lengths[b];
                row[length..].Clear();
                if (length == 0) continue;
                var real = row[..length];
                T max = TensorPrimitives.Max<T>(real);
                TensorPrimitives.Subtract(real, max, real);
                TensorPrimitives.Exp<T>(real, real);
                TensorPrimitives.Divide(real, TensorPrimitives.Sum<T>(real), real);
                var ctx = c.Slice((t * batch + b) * KeySize, KeySize);
                for (int s = 0; s < length; s++)
                    TensorPrimitives.MultiplyAdd(k.Slice((s * batch + b) * KeySize, KeySize), real[s], ctx, ctx);
            }
        return _context;
    }

    /// <summary>Writes e (Td, B, Ts) into the weights' storage (padded entries are cleared afterwards).</summary>
    private void Scores(Tensor<T> queries, int td, int ts, int batch)
    {
        var e = _weights!.Span;
        ReadOnlySpan<T> q = queries.Span;
        if (Kind != AttentionKind.Bahdanau)
        {
            // dot: q·k; general: q·p with p = W k
            ReadOnlySpan<T> p = Kind == AttentionKind.LuongDot ? _keys!.Span : _projectedKeys;
            for (int t = 0; t < td; t++)
                for (int b = 0; b < batch; b++)
                {
                    var qRow = q.Slice((t * batch + b) * QuerySize, QuerySize);
                    for (int s = 0; s < _lengths[b]; s++)
                        e[(t * batch + b) * ts + s] = TensorPrimitives.Dot(qRow,
                            p.Slice((s * batch + b) * QuerySize, QuerySize));
                }
            return;
        }
        int an = AdditiveSize;
        Grow(ref _projectedQueries, td * batch * an);
        Grow(ref _hidden, td * batch * ts * an);
        Gemm.Multiply(false, true, td * batch, an, QuerySize, T.One, q, QuerySize, _queryWeight!.Value.Span,
            QuerySize, T.Zero, _projectedQueries, an);
        ReadOnlySpan<T> v = _v!.Value.Span;
        for (int t = 0; t < td; t++)
            for (int b = 0; b < batch; b++)
            {
                var wq = _projectedQueries.AsSpan((t * batch + b) * an, an);
                for (int s = 0; s < _lengths[b]; s++)
                {
                    var z = _hidden.AsSpan(((t * batch + b) * ts + s) * an, an);
                    TensorPrimitives.Add(wq, _projectedKeys.AsSpan((s * batch + b) * an, an), z);
                    TensorPrimitives.Tanh<T>(z, z);
                    e[(t * batch + b) * ts + s] = TensorPrimitives.Dot(v, z);
                }
            }
    }

    /// <summary>
    /// The class summary's backward pass: adds the score's parameter gradients and returns ∂C/∂q and ∂C/∂k
    /// (overwritten workspaces) for the last <see cref="Attend"/>.
    /// </summary>
    /// <param name="contextGradient">dc (Td, B, K).</param>
    public (Tensor<T> QueryGradient, Tensor<T> KeyGradient) Backward(Tensor<T> contextGradient)
    {
        ArgumentNullException.ThrowIfNull(contextGradient);
        var queries = _queries ?? throw new InvalidOperationException("Backward needs an Attend before it");
        var keys = _keys!;
        int td = queries.Dim(0), ts = keys.Dim(0), batch = keys.Dim(1);
        ShapeCheck.Require(contextGradient, "context gradient", "(Td, B, K)", td, batch, KeySize);
        if (_dQueries is null || !_dQueries.HasShape(td, batch, QuerySize)) _dQueries = new(td, batch, QuerySize);
        if (_dKeys is null || !_dKeys.HasShape(ts, batch, KeySize)) _dKeys = new(ts, batch, KeySize);
        Grow(ref _scoreGradients, td * batch * ts);
        ReadOnlySpan<T> dc = contextGradient.Span, k = keys.Span, a = _weights!.Span, q = queries.Span;
        Span<T> dk = _dKeys.Span, dq = _dQueries.Span, de = _scoreGradients;
        dk.Clear();
        dq.Clear();
        for (int t = 0; t < td; t++)
            for (int b = 0; b < batch; b++)
            {
                int row = t * batch + b, length = _lengths[b];
                var dcRow = dc.Slice(row * KeySize, KeySize);
                var aRow = a.Slice(row * ts, length);
                var deRow = de.Slice(row * ts, ts);
                deRow.Clear();
                for (int s = 0; s < length; s++)
                {
                    int key = (s * batch + b) * KeySize;
                    deRow[s] = TensorPrimitives.Dot(dcRow, k.Slice(key, KeySize)); // da
                    TensorPrimitives.MultiplyAdd(dcRow, aRow[s], dk.Slice(key, KeySize), dk.Slice(key, KeySize));
                }
                T weighted = TensorPrimitives.Dot<T>(aRow, deRow[..length]); // Σ a da
                for (int s = 0; s < length; s++) deRow[s] = aRow[s] * (deRow[s] - weighted);
            }
        if (Kind == AttentionKind.Bahdanau) BackwardAdditive(q, dq, dk, td, ts, batch);
        else BackwardMultiplicative(q, dq, dk, td, ts, batch);
        return (_dQueries, _dKeys);
    }

    private void BackwardMultiplicative(ReadOnlySpan<T> q, Span<T> dq, Span<T> dk, int td, int ts, int batch)
    {
        int rows = ts * batch, qs = QuerySize;
        bool dot = Kind == AttentionKind.LuongDot;
        ReadOnlySpan<T> p = dot ? _keys!.Span : _projectedKeys;
        Span<T> dp = dk; // dot: dp is dk itself
        if (!dot)
        {
            Grow(ref _dProjectedKeys, rows * qs);
            dp = _dProjectedKeys.AsSpan(0, rows * qs);
            dp.Clear();
        }
        ReadOnlySpan<T> de = _scoreGradients;
        for (int t = 0; t < td; t++)
            for (int b = 0; b < batch; b++)
            {
                int row = t * batch + b;
                var qRow = q.Slice(row * qs, qs);
                var dqRow = dq.Slice(row * qs, qs);
                for (int s = 0; s < _lengths[b]; s++)
                {
                    T g = de[row * ts + s];
                    int key = (s * batch + b) * qs;
                    TensorPrimitives.MultiplyAdd(p.Slice(key, qs), g, dqRow, dqRow);
                    TensorPrimitives.MultiplyAdd(qRow, g, dp.Slice(key, qs), dp.Slice(key, qs));
                }
            }
        if (dot) return;
        // p = k Wᵀ (rows): dk += dp W, dW += dpᵀ k
        Gemm.Multiply(false, false, rows, KeySize, qs, T.One, dp, qs, _weight!.Value.Span, KeySize, T.One, dk,
            KeySize);
        Gemm.Multiply(true, false, qs, KeySize, rows, T.One, dp, qs, _keys!.Span, KeySize, T.One,
            _weight.Gradient.Span, KeySize);
    }

    private void BackwardAdditive(ReadOnlySpan<T> q, Span<T> dq, Span<T> dk, int td, int ts, int batch)
    {
        int an = AdditiveSize, queryRows = td * batch, keyRows = ts * batch;
        Grow(ref _dProjectedQueries, queryRows * an);
        Grow(ref _dProjectedKeys, keyRows * an);
        Span<T> dwq = _dProjectedQueries.AsSpan(0, queryRows * an), duk = _dProjectedKeys.AsSpan(0, keyRows * an);
        dwq.Clear();
        duk.Clear();
        ReadOnlySpan<T> v = _v!.Value.Span, de = _scoreGradients;
        Span<T> dv = _v.Gradient.Span;
        Grow(ref _scratch, an);
        var scratch = _scratch.AsSpan(0, an); // dpre for one (t, b, s)
        for (int t = 0; t < td; t++)
            for (int b = 0; b < batch; b++)
            {
                int row = t * batch + b;
                var dwqRow = dwq.Slice(row * an, an);
                for (int s = 0; s < _lengths[b]; s++)
                {
                    T g = de[row * ts + s];
                    var z = _hidden.AsSpan((row * ts + s) * an, an);
                    TensorPrimitives.MultiplyAdd(z, g, dv, dv);
                    // dpre = g v ⊙ (1 − z²)
                    TensorPrimitives.Multiply(z, z, scratch);
                    TensorPrimitives.Subtract(T.One, scratch, scratch);
                    TensorPrimitives.Multiply(scratch, v, scratch);
                    TensorPrimitives.Multiply(scratch, g, scratch);
                    TensorPrimitives.Add(dwqRow, scratch, dwqRow);
                    var dukRow = duk.Slice((s * batch + b) * an, an);
                    TensorPrimitives.Add(dukRow, scratch, dukRow);
                }
            }
        Gemm.Multiply(false, false, queryRows, QuerySize, an, T.One, dwq, an, _queryWeight!.Value.Span, QuerySize,
            T.One, dq, QuerySize);
        Gemm.Multiply(true, false, an, QuerySize, queryRows, T.One, dwq, an, q, QuerySize, T.One,
            _queryWeight.Gradient.Span, QuerySize);
        Gemm.Multiply(false, false, keyRows, KeySize, an, T.One, duk, an, _keyWeight!.Value.Span, KeySize, T.One, dk,
            KeySize);
        Gemm.Multiply(true, false, an, KeySize, keyRows, T.One, duk, an, _keys!.Span, KeySize, T.One,
            _keyWeight.Gradient.Span, KeySize);
    }

    private static void Grow(ref T[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new T[length];
    }
}
