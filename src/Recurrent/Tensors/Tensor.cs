namespace Recurrent.Tensors;

/// <summary>
/// A contiguous, row-major tensor: a window <c>[Offset, Offset + Length)</c> of a shared array plus a shape.
/// Views (<see cref="Slice"/>, <see cref="this[int]"/>, <see cref="Reshape"/>) share the array and copy nothing:
/// a time step of a (T, B, H) tensor is the (B, H) tensor at index t.
/// </summary>
/// <typeparam name="T">float for training, double for gradient checks and references; the same code runs
/// both.</typeparam>
public sealed class Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _shape;

    /// <summary>Allocates a zero-filled tensor of the given shape.</summary>
    public Tensor(params int[] shape)
        : this(new T[ShapeText.Volume(shape)], 0, shape) { }

    /// <summary>Wraps <paramref name="data"/> from <paramref name="offset"/> as a tensor of <paramref name="shape"/>
    /// (no copy).</summary>
    public Tensor(T[] data, int offset, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        int length = ShapeText.Volume(shape);
        if (offset < 0 || offset + length > data.Length)
            throw new ArgumentException(
                $"a tensor of shape {ShapeText.Format(shape)} needs {length} elements from offset {offset}, but the " +
                    $"array holds {data.Length}");
        Data = data;
        Offset = offset;
        Length = length;
        _shape = (int[])shape.Clone();
    }

    /// <summary>The backing array, shared with every view of it.</summary>
    public T[] Data { get; }

    /// <summary>Index of the first element in <see cref="Data"/>.</summary>
    public int Offset { get; }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>A copy of the shape.</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>Size of dimension <paramref name="axis"/>.</summary>
    public int Dim(int axis) => _shape[axis];

    /// <summary>Size of the first dimension (the rows of a matrix, the steps of a (T, B, H) sequence).</summary>
    public int Rows => _shape.Length == 0 ? 1 : _shape[0];

    /// <summary>Elements per index of the first dimension (the row length of a matrix).</summary>
    public int RowLength => Rows == 0 ? 0 : Length / Rows;

    /// <summary>The elements, in row-major order.</summary>
    public Span<T> Span => new(Data, Offset, Length);

    /// <summary>Row <paramref name="row"/> of the tensor seen as a (Rows, RowLength) matrix.</summary>
    public Span<T> Row(int row) => new(Data, Offset + row * RowLength, RowLength);

    /// <summary>Element access for matrices.</summary>
    public ref T this[int row, int column] => ref Data[Offset + row * _shape[1] + column];

    /// <summary>Element access for rank-3 tensors, e.g. (T, B, H).</summary>
    public ref T this[int i, int j, int k] => ref Data[Offset + (i * _shape[1] + j) * _shape[2] + k];

    /// <summary>The view at <paramref name="index"/> of the first dimension, with that dimension dropped: step t of (T,
    /// B, H) is (B, H).</summary>
    public Tensor<T> this[int index]
    {
        get
        {
            CheckIndex(index, 1);
            return new Tensor<T>(Data, Offset + index * RowLength, _shape[1..]);
        }
    }

    /// <summary>The view of <paramref name="count"/> consecutive entries of the first dimension from
    /// <paramref name="start"/>.</summary>
    public Tensor<T> Slice(int start, int count)
    {
        CheckIndex(start, count);
        var shape = Shape;
        shape[0] = count;
        return new Tensor<T>(Data, Offset + start * RowLength, shape);
    }

    /// <summary>The same elements under another shape of equal volume (no copy).</summary>
    public Tensor<T> Reshape(params int[] shape)
    {
        if (ShapeText.Volume(shape) != Length)
            throw new ShapeMismatchException($"cannot reshape {ShapeText.Format(_shape)} ({Length} elements) to " +
                $"{ShapeText.Format(shape)}");
        return new Tensor<T>(Data, Offset, shape);
    }

    /// <summary>A new tensor with a copy of the elements.</summary>
    public Tensor<T> Clone()
    {
        var copy = new Tensor<T>(_shape);
        Span.CopyTo(copy.Span);
        return copy;
    }

    /// <summary>Sets every element to zero.</summary>
    public void Clear() => Span.Clear();

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public void Fill(T value) => Span.Fill(value);

    /// <summary>Copies <paramref name="source"/>, which must have the same shape.</summary>
    public void CopyFrom(Tensor<T> source)
    {
        ShapeCheck.Same(source, this, "source", "destination");
        source.Span.CopyTo(Span);
    }

    /// <summary>True when the shapes are equal.</summary>
    // a span: checks in hot paths allocate nothing
    public bool HasShape(params ReadOnlySpan<int> shape) => _shape.AsSpan().SequenceEqual(shape);

    /// <summary>Creates a tensor of <paramref name="shape"/> holding a copy of <paramref name="values"/>.</summary>
    public static Tensor<T> From(ReadOnlySpan<T> values, params int[] shape)
    {
        var t = new Tensor<T>(shape);
        if (values.Length != t.Length)
            throw new ShapeMismatchException($"{values.Length} values do not fill shape {ShapeText.Format(shape)} " +
                $"({t.Length} elements)");
        values.CopyTo(t.Span);
        return t;
    }

    /// <summary>Converts element type, e.g. a float model's tensor to double for a reference computation.</summary>
    public Tensor<TOut> Convert<TOut>() where TOut : unmanaged, IFloatingPointIeee754<TOut>
    {
        var result = new Tensor<TOut>(_shape);
        var src = Span;
        var dst = result.Span;
        for (int i = 0; i < src.Length; i++) dst[i] = TOut.CreateChecked(src[i]);
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Tensor<{typeof(T).Name}>{ShapeText.Format(_shape)}";

    private void CheckIndex(int start, int count)
    {
        if (_shape.Length == 0)
            throw new ShapeMismatchException("a scalar tensor has no first dimension to index");
        if (start < 0 || count < 0 || start + count > _shape[0])
            throw new ArgumentOutOfRangeException(nameof(start),
                $"index range [{start}, {start + count}) is outside the first dimension of {ShapeText.Format(_shape)}");
    }
}
