using Recurrent.Parameters;

namespace Recurrent.Layers;

/// <summary>
/// A lookup table, PyTorch's nn.Embedding(V, E): x[t, b] = W[i_tb] for integer indices i (T, B) and weight W (V, E).
/// Backward scatter-adds: dW[i_tb] += dx[t, b] for every (t, b), so a row used several times collects every use.
/// Glossary: V rows (vocabulary size), E embedding size, T steps, B batch, i indices, W weight, dx = ∂C/∂x.
/// </summary>
/// <remarks>The returned tensor is a workspace valid until the next call; Forward copies the indices for
/// Backward.</remarks>
public sealed class Embedding<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[] _indices = [];  // i (T·B) of the last Forward
    private int _steps, _batch;
    private Tensor<T>? _output;   // x (T, B, E)

    /// <summary>Declares "{prefix}weight" (V, E), initialised N(0, 1) as PyTorch does.</summary>
    /// <param name="parameters">The model's parameter set, not yet sealed.</param>
    /// <param name="prefix">Name prefix, e.g. "embed." gives "embed.weight".</param>
    /// <param name="rows">V, the number of indices.</param>
    /// <param name="size">E, the width of each row.</param>
    public Embedding(ParameterSet<T> parameters, string prefix, int rows, int size)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Rows = rows;
        Size = size;
        Weight = parameters.Add(prefix + "weight", [rows, size], new NormalInitializer());
    }

    /// <summary>V.</summary>
    public int Rows { get; }

    /// <summary>E.</summary>
    public int Size { get; }

    /// <summary>W (V, E).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>x[t, b] = W[i_tb].</summary>
    /// <param name="indices">i (T·B), time-major (entry t·B + b), each in [0, V).</param>
    /// <returns>x (T, B, E), a workspace.</returns>
    public Tensor<T> Forward(ReadOnlySpan<int> indices, int steps, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        if (indices.Length != steps * batch)
            throw new ShapeMismatchException($"indices: expected (T·B) = ({steps}·{batch}) = ({steps * batch}), got " +
                $"({indices.Length})");
        CheckRange(indices, Rows, "indices");
        if (_indices.Length != indices.Length) _indices = new int[indices.Length];
        indices.CopyTo(_indices);
        (_steps, _batch) = (steps, batch);
        if (_output is null || !_output.HasShape(steps, batch, Size)) _output = new Tensor<T>(steps, batch, Size);
        Lookup(indices, _output.Span);
        return _output;
    }

    /// <summary>dW[i_tb] += dx[t, b] (accumulates); nothing flows further, indices have no gradient.</summary>
    /// <param name="outputGradient">dx (T, B, E) for the last Forward.</param>
    public void Backward(Tensor<T> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_output is null) throw new InvalidOperationException("Backward called before Forward");
        ShapeCheck.Require(outputGradient, "output gradient", "(T, B, E)", _steps, _batch, Size);
        var dw = Weight.Gradient.Span;
        var dx = outputGradient.Span;
        for (int r = 0; r < _indices.Length; r++)
        {
            var row = dw.Slice(_indices[r] * Size, Size);
            TensorPrimitives.Add(row, dx.Slice(r * Size, Size), row);
        }
    }

    /// <summary>Writes W[i_r] into row r of <paramref name="destination"/> (indices.Length × E), e.g. one generation
    /// step; allocates nothing.</summary>
    public void Lookup(ReadOnlySpan<int> indices, Span<T> destination)
    {
        if (destination.Length != indices.Length * Size)
            throw new ShapeMismatchException($"destination: expected ({indices.Length}·{Size}) = " +
                $"({indices.Length * Size}) values, got ({destination.Length})");
        CheckRange(indices, Rows, "indices");
        var w = Weight.Value.Span;
        for (int r = 0; r < indices.Length; r++)
            w.Slice(indices[r] * Size, Size).CopyTo(destination.Slice(r * Size, Size));
    }

    /// <summary>Throws unless every index is in [0, <paramref name="count"/>), naming the first that is not.</summary>
    internal static void CheckRange(ReadOnlySpan<int> indices, int count, string what)
    {
        for (int r = 0; r < indices.Length; r++)
            if ((uint)indices[r] >= (uint)count)
                throw new ArgumentOutOfRangeException(what,
                    $"{what}[{r}] = {indices[r]} is outside [0, {count}) for a vocabulary of {count}");
    }
}
