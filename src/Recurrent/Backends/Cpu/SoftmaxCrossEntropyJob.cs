namespace Recurrent.Backends.Cpu;

/// <summary>
/// Softmax cross-entropy on class targets over all rows of float logits, the rows split into contiguous ranges on the
/// GEMM workers (rows are independent), each row by <see cref="SoftmaxRows.CrossEntropyRow"/>. Each row's ℓ is kept,
/// and C = Σ_r w_r ℓ_r / Σw is summed afterwards on the caller in row order, so the loss, like every gradient row,
/// has the same bits for any number of threads. Allocates only when the row count or width grows.
/// </summary>
internal sealed class SoftmaxCrossEntropyJob : IParallelJob
{
    // Fewest rows worth a thread: a row costs far less than a hand-off to a worker (docs/benchmarks.md).
    private const int MinRowsPerPart = 128;

    private Tensor<float>? _logits, _mask, _gradient;
    private int[] _classes = [];
    private float[] _rowLosses = [], _scratch = []; // (N) ℓ_r; (P, K) rows for value-only calls
    private float _count;
    private int _parts;

    /// <summary>Whether the fused row kernel runs on this machine (else callers keep their own path).</summary>
    public static bool IsSupported => VectorActivations.IsSupported;

    /// <summary>C, writing ∂C/∂z into <paramref name="gradient"/> when given (masked rows get zeros); arguments checked
    /// by the caller.</summary>
    /// <param name="counted">Σ_r w_r, positive.</param>
    public double Run(Tensor<float> logits, ReadOnlySpan<int> classes, Tensor<float>? mask, Tensor<float>? gradient,
        double counted)
    {
        int rows = logits.Rows, k = logits.RowLength;
        if (_classes.Length < rows) (_classes, _rowLosses)
            = (LongLivedArray.Allocate<int>(rows), LongLivedArray.Allocate<float>(rows));
        classes[..rows].CopyTo(_classes);
        _parts = WorkerPool.PartsFor(rows, MinRowsPerPart);
        if (gradient is null && _scratch.Length < _parts * k) _scratch = new float[_parts * k];
        (_logits, _mask, _gradient, _count) = (logits, mask, gradient, (float)counted);
        try
        {
            WorkerPool.Run(this, _parts);
        }
        finally
        {
            (_logits, _mask, _gradient) = (null, null, null);
        }
        double total = 0;
        var w = mask is null ? default : mask.Span;
        for (int r = 0; r < rows; r++) total += (mask is null ? 1.0 : w[r]) * _rowLosses[r];
        return total / counted;
    }

    /// <summary>Rows [r0, r1) of part <paramref name="part"/>.</summary>
    public void Execute(int part)
    {
        var logits = _logits!;
        int rows = logits.Rows, k = logits.RowLength;
        var (r0, r1) = WorkerPool.Share(rows, _parts, part);
        var weights = _mask is null ? default : _mask.Span;
        for (int r = r0; r < r1; r++)
        {
            float w = _mask is null ? 1f : weights[r];
            var p = _gradient is null ? _scratch.AsSpan(part * k, k) : _gradient.Row(r);
            if (w == 0)
            {
                p.Clear();
                _rowLosses[r] = 0;
                continue;
            }
            // scale = w / Σw as the generic path computes it in T
            _rowLosses[r] = SoftmaxRows.CrossEntropyRow(logits.Row(r), p, _classes[r], w / _count);
        }
    }
}
