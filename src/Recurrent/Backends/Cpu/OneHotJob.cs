namespace Recurrent.Backends.Cpu;

/// <summary>
/// The three passes of <see cref="OneHotProducts"/> split over the GEMM workers, each part writing memory no other part
/// touches, in an order that keeps every sum the serial loop forms, so the bits do not depend on the thread count:
/// the projection by rows (xp[r] = b + Wᵀ[c_r]); the scatter by character (part p owns columns [c0, c1) of dW_ih and
/// adds, in row order, the rows whose character is one of them); the transposed add into dW_ih by output rows.
/// One per thread and T (the caller's pointers live only for one call).
/// </summary>
internal sealed unsafe class OneHotJob<T> : IParallelJob where T : unmanaged, IFloatingPointIeee754<T>
{
    // Fewest values written per part: below about 64 K a hand-off costs more than it saves.
    private const int MinValuesPerPart = 1 << 16;

    [ThreadStatic] private static OneHotJob<T>? current;

    private enum Pass { Project, Scatter, Transpose, Find }

    private Pass _pass;
    private T* _out, _in, _bias;
    private int* _columns;
    private int _rows, _ld, _outputs, _inputs, _parts;
    private bool _accumulate;
    private int _failed; // Find: nonzero once a part met a row that is not one-hot

    /// <summary>The calling thread's job.</summary>
    public static OneHotJob<T> ForCurrentThread => current ??= new OneHotJob<T>();

    /// <summary>Whether <see cref="FindColumns"/> is worth splitting for x (N, I): as many values as two
    /// parts.</summary>
    public static bool SplitsCheck(int rows, int inputs) => (long)rows * inputs >= 2 * MinValuesPerPart;

    /// <summary>
    /// The one-hot check (<see cref="OneHotProducts.TryFindColumns{T}(ReadOnlySpan{T}, int, int, Span{int})"/>) of x
    /// (N, I), a range of rows per part; each part stops at its first row that is not one-hot.
    /// </summary>
    public bool FindColumns(T* x, int* columns, int rows, int inputs)
    {
        (_pass, _rows, _inputs, _failed) = (Pass.Find, rows, inputs, 0);
        _in = x;
        _columns = columns;
        Run((long)rows * inputs, rows);
        return _failed == 0;
    }

    /// <summary>xp[r] = b + transposed[c_r] (no b: null), or xp[r] += transposed[c_r] with
    /// <paramref name="accumulate"/>.</summary>
    public void Project(T* xp, int ld, T* transposed, T* bias, bool accumulate, int* columns, int rows, int outputs)
    {
        (_pass, _ld, _rows, _outputs) = (Pass.Project, ld, rows, outputs);
        _columns = columns;
        _out = xp;
        _in = transposed;
        _bias = bias;
        _accumulate = accumulate;
        Run((long)rows * outputs, rows);
    }

    /// <summary>scratch[c] (I × GH, zeroed) += dxp[r] for every row r with c_r = c, rows in order.</summary>
    public void Scatter(T* scratch, T* dxp, int ld, int* columns, int rows, int outputs, int inputs)
    {
        (_pass, _ld, _rows, _outputs, _inputs) = (Pass.Scatter, ld, rows, outputs, inputs);
        _columns = columns;
        _out = scratch;
        _in = dxp;
        Run((long)rows * outputs, inputs);
    }

    /// <summary>dW[j, i] += scratch[i, j] for the (GH, I) weight gradient.</summary>
    public void Transpose(T* weightGradient, T* scratch, int outputs, int inputs)
    {
        (_pass, _outputs, _inputs) = (Pass.Transpose, outputs, inputs);
        _out = weightGradient;
        _in = scratch;
        Run((long)outputs * inputs, outputs);
    }

    private void Run(long values, int units)
    {
        _parts = WorkerPool.PartsFor(values, MinValuesPerPart, units);
        try
        {
            WorkerPool.Run(this, _parts);
        }
        finally
        {
            _out = _in = _bias = null;
            _columns = null;
        }
    }

    /// <summary>Runs part <paramref name="part"/> of the current pass.</summary>
    public void Execute(int part)
    {
        int units = _pass switch { Pass.Project or Pass.Find => _rows, Pass.Scatter => _inputs, _ => _outputs };
        var (u0, u1) = WorkerPool.Share(units, _parts, part);
        int n = _outputs;
        switch (_pass)
        {
            case Pass.Find:
                if (!OneHotProducts.FindColumnsInRows(ref *_in, u0, u1, _inputs, new Span<int>(_columns, _rows)))
                    Volatile.Write(ref _failed, 1);
                break;
            case Pass.Project:
                for (int r = u0; r < u1; r++)
                {
                    var target = new Span<T>(_out + (nint)r * _ld, n);
                    var source = new ReadOnlySpan<T>(_in + (nint)_columns[r] * n, n);
                    if (_bias != null) TensorPrimitives.Add(new ReadOnlySpan<T>(_bias, n), source, target);
                    else if (_accumulate) TensorPrimitives.Add(target, source, target);
                    else source.CopyTo(target);
                }
                break;
            case Pass.Scatter:
                for (int r = 0; r < _rows; r++)
                {
                    int c = _columns[r];
                    if (c < u0 || c >= u1) continue;
                    var target = new Span<T>(_out + (nint)c * n, n);
                    TensorPrimitives.Add(target, new ReadOnlySpan<T>(_in + (nint)r * _ld, n), target);
                }
                break;
            default:
                for (int j = u0; j < u1; j++)
                {
                    T* row = _out + (nint)j * _inputs;
                    for (int i = 0; i < _inputs; i++) row[i] += _in[(nint)i * n + j];
                }
                break;
        }
    }
}
